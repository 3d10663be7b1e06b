package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.net.BlockedAddressException;

/**
 * What a curator may put in a source, and what of any source leaves the server: the rules behind
 * the sources API and page, without the server.
 */
class SourceRulesTest {

    @TempDir
    Path dir;

    @Test
    void curatorsNameSecretsOnly() throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "WIKI_BOT=Indexer@bot:pw\n");
        SourceRules rules = new SourceRules(AddressPolicy.blockingInternal(), "LABRADOR_SECRET_", secrets);
        for (String name : List.of("LABRADOR_SECRET_GITLAB", "WIKI_BOT")) {
            assertThatCode(() -> rules.checkCuratorDefinition(git("https://gitlab.example.org/g/p.git", name, null)))
                    .as(name).doesNotThrowAnyException();
        }
        for (String name : List.of("LABRADOR_ADMIN_PASSWORD", "PATH", "HOME", "LABRADOR_SECRET_", "AWS_SECRET_ACCESS_KEY")) {
            assertThatThrownBy(() -> rules.checkCuratorDefinition(git("https://gitlab.example.org/g/p.git", name, null)))
                    .as(name).isInstanceOf(SourceRefusedException.class).hasMessageContaining("token-env");
        }
        // Not a name at all: refused by the kind's description already, before the rules.
        assertThatThrownBy(() -> rules.checkCuratorDefinition(git("https://gitlab.example.org/g/p.git", "LABRADOR_SECRET_X=1",
                null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenEnv");
        SourceRules fileOnly = new SourceRules(AddressPolicy.blockingInternal(), "", secrets);
        assertThatThrownBy(() -> fileOnly.checkTokenEnv(git("https://h/x.git", "LABRADOR_SECRET_GITLAB", null)))
                .isInstanceOf(SourceRefusedException.class);
    }

    @Test
    void curatorsGiveUrlsWithoutCredentialsAndLinksToWebPages() {
        SourceRules rules = SourceRules.defaults(dir.resolve("none.properties"));
        for (String url : List.of("https://github.com/o/r.git", "http://git.example.org/r", "git://git.example.org/r.git",
                "ssh://git@git.example.org/r.git", "git@github.com:o/r.git")) {
            assertThatCode(() -> rules.checkCuratorDefinition(git(url, null, null))).as(url).doesNotThrowAnyException();
        }
        for (String url : List.of("https://u:p@github.com/o/r.git", "https://ghp_token@github.com/o/r.git",
                "file:///srv/r.git", "/srv/r.git", "jar:file:/x.jar!/", "ftp://h/r")) {
            assertThatThrownBy(() -> rules.checkCuratorDefinition(git(url, null, null))).as(url)
                    .isInstanceOf(SourceRefusedException.class);
        }
        assertThatThrownBy(() -> rules.checkCuratorDefinition(new Source("w", "mediawiki",
                Map.of("url", "git://wiki/api.php")))).isInstanceOf(SourceRefusedException.class);
        for (String link : List.of("javascript:alert(1)//{path}", "data:text/html,x", "//evil.example.org/{path}")) {
            assertThatThrownBy(() -> rules.checkCuratorDefinition(git("https://h/r.git", null, link))).as(link)
                    .isInstanceOf(SourceRefusedException.class).hasMessageContaining("link template");
        }
        assertThatCode(() -> rules.checkCuratorDefinition(git("https://h/r.git", null, "https://h/r/blob/{commit}/{path}")))
                .doesNotThrowAnyException();
    }

    @Test
    void urlCredentialsNeverLeaveTheServer() {
        Source stored = git("https://alice:s3cret@git.example.org/r.git", null, null);
        assertThat(SourceRules.redacted(stored).settings().get("url")).isEqualTo("https://***@git.example.org/r.git");
        assertThat(SourceRules.redact("cannot parse https://alice:s3cret@h/x and ssh://bob:pw@h2/y"))
                .isEqualTo("cannot parse https://***@h/x and ssh://***@h2/y");
        assertThat(SourceRules.redacted(git("https://h/r.git", null, null)).settings().get("url")).isEqualTo("https://h/r.git");
    }

    @Test
    void aConfiguredSourceMayFetchFromItsOwnInternalHostOnly() {
        SourceRules rules = SourceRules.defaults(dir.resolve("none.properties"));
        Source internal = git("http://10.20.30.40:8080/r.git", null, null);
        assertThatCode(() -> rules.policyFor(internal, SourceStore.Origin.CONFIG).checkHost("10.20.30.40"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.policyFor(internal, SourceStore.Origin.CONFIG).checkHost("10.20.30.41"))
                .isInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> rules.policyFor(internal, SourceStore.Origin.UI).checkHost("10.20.30.40"))
                .isInstanceOf(BlockedAddressException.class);
    }

    private static Source git(String url, String tokenEnv, String link) {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("url", url);
        settings.put("tokenEnv", tokenEnv);
        return new Source("s", "git", settings, link, null, null);
    }
}
