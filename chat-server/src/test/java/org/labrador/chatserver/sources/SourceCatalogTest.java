package org.labrador.chatserver.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.ingest.papers.PaperFolder;
import org.labrador.retrieval.ReadAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sources from configuration and from curators: `config/sources.yml` and `labrador.sources` are
 * imported at every start and read-only; sources added in the UI survive a restart; a source gone
 * from the configuration is dropped (its passages with it).
 */
class SourceCatalogTest {

    @TempDir
    Path dir;
    private Path folder;
    private SourceStore store;

    @BeforeEach
    void database() throws Exception {
        folder = Files.createDirectories(dir.resolve("folder")); // next to the data dir, not around it
        var dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new SourceStore(JdbcClient.create(dataSource));
    }

    @Test
    void configurationSourcesAreImportedAtEveryStartAndCuratorSourcesKept() throws Exception {
        Path sourcesFile = dir.resolve("sources.yml");
        Files.writeString(sourcesFile, """
                sources:
                  - name: papers
                    kind: papers
                    path: %s
                    groups: [xenon]
                  - name: wiki
                    kind: mediawiki
                    url: https://wiki.example.org/w/api.php
                    schedule: "0 0 3 * * *"
                """.formatted(folder));
        Source handbook = new Source("handbook", "docs", Map.of("path", folder.toString()));

        SourceCatalog first = new SourceCatalog(properties(sourcesFile, List.of(handbook)), store);
        assertThat(first.all()).extracting(SourceCatalog.ConfiguredSource::name).containsExactly("handbook", "papers", "wiki");
        SourceCatalog.ConfiguredSource papers = first.byName("papers").orElseThrow();
        assertThat(papers.source()).isInstanceOf(PaperFolder.class);
        assertThat(papers.links().link("papers", "", "a.pdf", 1, 2, 7, "")).isEqualTo("/files/papers/a.pdf#page=7");
        assertThat(papers.readableBy(ReadAccess.groups(List.of("lz")))).isFalse();
        assertThat(papers.readableBy(ReadAccess.groups(List.of("xenon")))).isTrue();
        assertThat(first.byName("wiki").orElseThrow().links().link("wiki", "", "Drift_chamber", 1, 2, 0, "Gain"))
                .as("a live wiki's citations open its pages").isEqualTo("https://wiki.example.org/w/index.php?title=Drift_chamber#Gain");
        assertThat(first.byName("wiki").orElseThrow().definition().schedule()).isEqualTo("0 0 3 * * *");

        first.save(new Source("notes", "docs", Map.of("path", folder.toString()), null, List.of("lz"), ""));
        assertThat(first.readableNames(ReadAccess.groups(List.of("lz")))).containsExactlyInAnyOrder("handbook", "notes", "wiki");

        // Restart with the wiki gone from the file: the curator's source stays, the wiki is dropped.
        Files.writeString(sourcesFile, "sources:\n  - name: papers\n    kind: papers\n    path: " + folder + "\n");
        SourceCatalog second = new SourceCatalog(properties(sourcesFile, List.of(handbook)), store);
        assertThat(second.all()).extracting(SourceCatalog.ConfiguredSource::name).containsExactly("handbook", "notes", "papers");
        assertThat(second.droppedFromConfiguration()).containsExactly("wiki");
        assertThat(second.byName("papers").orElseThrow().groups()).as("groups follow the file").isEmpty();
        assertThat(second.byName("notes").orElseThrow().origin()).isEqualTo(SourceStore.Origin.UI);
    }

    @Test
    void badDefinitionsAreRefusedWithTheReason() {
        SourceCatalog catalog = new SourceCatalog(properties(dir.resolve("none.yml"), List.of()), store);
        assertThatThrownBy(() -> catalog.save(new Source("x y", "docs", Map.of("path", dir.toString()))))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> catalog.save(new Source("w", "confluence", Map.of("path", dir.toString()))))
                .hasMessageContaining("docs, git, mediawiki, dokuwiki, papers");
        assertThatThrownBy(() -> catalog.save(new Source("p", "papers", Map.of())))
                .hasMessageContaining("path").hasMessageContaining("required");
        assertThatThrownBy(() -> catalog.save(new Source("nightly", "docs", Map.of("path", dir.toString()), null, List.of(),
                "every night"))).hasMessageContaining("not a cron expression");
        assertThat(catalog.byName("nightly")).as("refused before it is saved").isEmpty();
        // A name becomes a folder (a Git source's clone) and part of a URL.
        for (String name : List.of(".", "..", ".hidden", "a/b", "a\\b", "tab\there", "")) {
            assertThatThrownBy(() -> catalog.save(new Source(name, "docs", Map.of("path", dir.toString()))))
                    .as(name).hasMessageContaining("not starting with .");
        }
    }

    @Test
    void byDefaultCuratorsAddFoldersOnlyUnderTheConfiguredSourcesFolders() throws Exception {
        Source handbook = new Source("handbook", "docs", Map.of("path", folder.toString()));
        SourceCatalog catalog = new SourceCatalog(properties(dir.resolve("none.yml"), List.of(handbook)), store);
        Path inside = Files.createDirectories(folder.resolve("team"));
        assertThat(catalog.save(new Source("team", "docs", Map.of("path", inside.toString()))).name()).isEqualTo("team");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path linkOut = Files.createSymbolicLink(folder.resolve("link-out"), elsewhere);
        for (Path path : List.of(elsewhere, linkOut, folder.resolve("team/../../elsewhere"), Path.of("/etc"))) {
            assertThatThrownBy(() -> catalog.save(new Source("out", "docs", Map.of("path", path.toString()))))
                    .as(path.toString()).hasMessageContaining("labrador.sources.allowed-roots");
        }
        assertThatThrownBy(() -> catalog.probe(new Source("out", "docs", Map.of("path", elsewhere.toString()))))
                .hasMessageContaining("labrador.sources.allowed-roots");
    }

    @Test
    void aCuratorSourceOutsideTheRootsIsNotUsedAfterARestartAndItsPassagesGo() {
        store.save(new Source("r1etc", "docs", Map.of("path", Path.of("/etc").toString())),
                SourceStore.Origin.UI); // saved before the rule
        SourceCatalog catalog = new SourceCatalog(properties(dir.resolve("none.yml"),
                List.of(new Source("handbook", "docs", Map.of("path", folder.toString())))), store);
        assertThat(catalog.byName("r1etc")).isEmpty();
        assertThat(catalog.refusedFolders()).containsExactly("r1etc");
        assertThat(store.byName("r1etc")).as("kept, in case the roots are widened").isPresent();
    }

    @Test
    void aConfiguredSourceOverTheDataDirStopsTheStart() {
        Source accounts = new Source("accounts", "docs", Map.of("path", dir.toString()));
        assertThatThrownBy(() -> new SourceCatalog(properties(dir.resolve("none.yml"), List.of(accounts)), store))
                .hasMessageContaining("data dir");
    }

    private LabradorProperties properties(Path sourcesFile, List<Source> sources) {
        return new LabradorProperties(dir.resolve("data"), dir.resolve("secrets.properties"),
                new LabradorProperties.Embedding("in-process", "bge-small-en-v1.5-q", null, 0, null),
                new LabradorProperties.Ollama("http://localhost:11434", "qwen2.5:3b", Duration.ofSeconds(30)),
                new LabradorProperties.Model(LabradorProperties.Model.Engine.OLLAMA, null, null, 8192, 1024, 0, 1, null,
                        java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5)),
                new LabradorProperties.Ingest(5_000_000, 350, 40), new LabradorProperties.Answer(6, null, null),
                new LabradorProperties.Rerank(null, null, null, 30, null), false,
                sourcesFile, sources.stream().map(Source::toEntry).toList());
    }
}
