package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.kind.SourceKinds;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

/**
 * The configuration format stays as it was: every source in {@code config/application.yml} and in
 * the YAML examples of the README and {@code docs/sources.md} (their commented-out keys included) is
 * bound as the server binds it and read by its kind, with no key left over or refused.
 */
class ConfigurationCompatibilityTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern COMMENTED = Pattern.compile("^(\\s*)# ?(\\s*)((?:- )?[a-z][\\w-]*:.*)$");
    private static final Pattern ENTRY = Pattern.compile("^(\\s*)- name:");
    private static final Pattern KEY = Pattern.compile("^(\\s*)[a-z][\\w-]*:");

    @Test
    void everyDocumentedSourceIsReadByItsKindWithAllItsKeys() throws IOException {
        List<String> examples = new ArrayList<>();
        examples.add(Files.readString(ROOT.resolve("config/application.yml")));
        for (String doc : List.of("README.md", "docs/sources.md")) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(ROOT.resolve(doc)));
            while (block.find()) {
                if (block.group(1).contains("- name:")) {
                    examples.add(asConfiguration(block.group(1)));
                }
            }
        }
        SourceKinds kinds = SourceKinds.installed();
        List<String> seen = new ArrayList<>();
        for (String example : examples) {
            for (LabradorProperties.Source source : bind(withCommentedKeys(example))) {
                SourceKind kind = kinds.require(source.kind());
                List<String> ignored = new ArrayList<>();
                kind.readLenient(source.settings(), ignored::add);
                assertThat(ignored).as(source.name() + " in\n" + example).isEmpty();
                seen.add(source.kind() + ":" + String.join(",", source.settings().keySet()));
            }
        }
        assertThat(seen).as("the examples cover every built-in kind and key").contains("docs:path", "papers:path",
                "dokuwiki:path", "mediawiki:path", "mediawiki:url,token-env", "git:url,branch,token-env,excludes", "git:path",
                "twiki:path,webs,engine", "twiki:url,webs,token-env", "indico:url,category,from,token-env,attachments",
                "mattermost:url,team,channels,token-env", "inspire:query,full-text,max-records,url,arxiv-url");
    }

    private static List<LabradorProperties.Source> bind(String yaml) throws IOException {
        var documents = new YamlPropertySourceLoader().load("example.yml",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(documents))
                .bind("labrador", LabradorProperties.class).map(LabradorProperties::sourceDefinitions).orElse(List.of());
    }

    /**
     * A documentation fragment (entries of the sources list, indented as in a file, or a whole
     * {@code config/sources.yml}) as a whole configuration.
     */
    private static String asConfiguration(String block) {
        if (block.startsWith("labrador:")) {
            return block;
        }
        if (block.startsWith("sources:")) { // as config/sources.yml has it
            StringBuilder out = new StringBuilder("labrador:\n");
            block.lines().forEach(l -> out.append("  ").append(l).append('\n'));
            return out.toString();
        }
        int indent = block.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder("labrador:\n  sources:\n");
        block.lines().forEach(l -> out.append("    ").append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n'));
        return out.toString();
    }

    /**
     * The example with its commented-out sources and keys made real: a commented {@code - name:}
     * entry in the sources list, and commented keys at the indentation of an entry's keys.
     */
    static String withCommentedKeys(String yaml) {
        StringBuilder out = new StringBuilder();
        int keyIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            String real = line;
            Matcher commented = COMMENTED.matcher(line);
            if (commented.matches()) {
                String candidate = commented.group(1) + commented.group(2) + commented.group(3);
                Matcher entry = ENTRY.matcher(candidate);
                Matcher key = KEY.matcher(candidate);
                if (entry.find() && (keyIndent < 0 || entry.group(1).length() + 2 == keyIndent)) {
                    real = candidate;
                } else if (keyIndent >= 0 && key.find() && key.group(1).length() == keyIndent) {
                    real = candidate;
                }
            }
            Matcher entry = ENTRY.matcher(real);
            if (entry.find()) {
                keyIndent = entry.group(1).length() + 2;
            } else {
                Matcher key = KEY.matcher(real);
                if (key.find() && key.group(1).length() < keyIndent - 2) {
                    keyIndent = -1; // out of the sources list
                }
            }
            out.append(real).append('\n');
        }
        return out.toString();
    }
}
