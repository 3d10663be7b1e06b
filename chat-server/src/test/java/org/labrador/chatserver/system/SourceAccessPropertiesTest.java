package org.labrador.chatserver.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code labrador.sources.allowed-hosts} lives next to the {@code labrador.sources} list: both
 * bind, from YAML (the key written flat) and from the environment.
 */
class SourceAccessPropertiesTest {

    @Test
    void allowedHostsAndTheSourceListBindSideBySideFromYaml() throws Exception {
        String yaml = """
                labrador:
                  sources:
                    - name: handbook
                      kind: docs
                      path: /srv/handbook
                labrador.sources.allowed-hosts: [gitlab.internal, 10.1.0.0/16]
                """;
        var documents = new YamlPropertySourceLoader().load("application.yml",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        Binder binder = new Binder(ConfigurationPropertySources.from(documents));

        assertThat(binder.bind("labrador.sources", SourceAccessProperties.class).get().allowedHosts())
                .containsExactly("gitlab.internal", "10.1.0.0/16");
        assertThat(binder.bind("labrador", LabradorProperties.class).get().sourceDefinitions())
                .extracting(LabradorProperties.Source::name, LabradorProperties.Source::settings)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("handbook", Map.of("path", "/srv/handbook")));
    }

    @Test
    void allowedHostsBindFromTheEnvironment() {
        var environment = new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("LABRADOR_SOURCES_ALLOWEDHOSTS", "gitlab.internal,127.0.0.1", "LABRADOR_SECRETS_ENVPREFIX", "TOKENS_"));
        Binder binder = new Binder(ConfigurationPropertySources.from(environment));

        assertThat(binder.bind("labrador.sources", SourceAccessProperties.class).get().allowedHosts())
                .containsExactly("gitlab.internal", "127.0.0.1");
        assertThat(binder.bind("labrador.secrets", SecretsProperties.class).get().envPrefix()).isEqualTo("TOKENS_");
        assertThat(new Binder(ConfigurationPropertySources.from(new MapPropertySource("none", Map.of())))
                .bindOrCreate("labrador.secrets", SecretsProperties.class).envPrefix()).isEqualTo("LABRADOR_SECRET_");
    }
}
