package org.labrador.ingest.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.git.GitSource;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.papers.PaperFolder;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.wiki.DokuWikiPages;
import org.labrador.ingest.wiki.MediaWikiApi;
import org.labrador.ingest.wiki.MediaWikiExport;

/**
 * The installed kinds, found through their registration, each described well enough for a form,
 * checked from its description, and opened into its reader from the settings a configuration
 * file has always used.
 */
class SourceKindsTest {

    @TempDir
    Path dir;

    private KindContext context() {
        return new KindContext(1_000_000, new DocumentChunker(350, 40), name -> null, AddressPolicy.blockingInternal(),
                dir.resolve("work"));
    }

    @Test
    void theBuiltInKindsAreRegisteredInTheFormsOrder() {
        SourceKinds kinds = SourceKinds.installed();
        assertThat(kinds.names()).containsExactly("docs", "git", "mediawiki", "dokuwiki", "papers", "twiki", "indico",
                "mattermost", "inspire");
        for (SourceKind kind : kinds.all()) {
            assertThat(kind.label()).as(kind.name()).isNotBlank();
            assertThat(kind.description()).as(kind.name()).isNotBlank();
            assertThat(kind.settings()).as(kind.name()).isNotEmpty().allSatisfy(s -> assertThat(s.help()).isNotBlank());
        }
        assertThatThrownBy(() -> kinds.require("confluence")).hasMessageContaining("the kinds are docs, git, mediawiki");
    }

    @Test
    void eachKindOpensItsReaderFromTheKeysConfigurationFilesUse() {
        SourceKinds kinds = SourceKinds.installed();
        assertThat(open(kinds, "docs", Map.of("path", dir.toString()))).isInstanceOf(DocsFolder.class);
        assertThat(open(kinds, "papers", Map.of("path", dir.toString()))).isInstanceOf(PaperFolder.class);
        assertThat(open(kinds, "dokuwiki", Map.of("path", dir.toString()))).isInstanceOf(DokuWikiPages.class);
        assertThat(open(kinds, "mediawiki", Map.of("path", dir.resolve("export.xml").toString())))
                .isInstanceOf(MediaWikiExport.class);
        assertThat(open(kinds, "mediawiki", Map.of("url", "https://wiki.example.org/w/api.php")))
                .isInstanceOf(MediaWikiApi.class);
        DocumentSource git = open(kinds, "git", Map.of("url", "https://github.com/o/r.git", "branch", "main",
                "token-env", "LABRADOR_SECRET_GH", "excludes", Map.of("0", "docs/**", "1", "*.csv")));
        assertThat(git).isInstanceOf(GitSource.class);
        assertThat(((GitSource) git).settings().excludes()).containsExactly("docs/**", "*.csv");
        assertThat(((GitSource) git).settings().tokenEnv()).isEqualTo("LABRADOR_SECRET_GH");
    }

    @Test
    void kindsSayWhereTheyReadAndHowTheirCitationsLink() {
        SourceKinds kinds = SourceKinds.installed();
        SourceKind git = kinds.require("git");
        KindSettings github = git.read(Map.of("url", "https://alice:pw@GitHub.com/Org/Repo.git"));
        assertThat(git.location(github)).isEqualTo("https://GitHub.com/Org/Repo.git");
        assertThat(git.remoteAddress(github)).contains("github.com/org/repo");
        assertThat(git.remoteAddress(git.read(Map.of("url", "git@github.com:org/repo.git")))).contains("github.com/org/repo");
        assertThat(git.citationLink(github)).contains("/blob/{commit}/{path}");
        assertThat(git.localPaths(git.read(Map.of("url", "file:///srv/repo.git")))).containsExactly(Path.of("/srv/repo.git"));
        SourceKind wiki = kinds.require("mediawiki");
        assertThat(wiki.citationLink(wiki.read(Map.of("url", "https://bot:pw@wiki.example.org/w/api.php"))))
                .isEqualTo("https://wiki.example.org/w/index.php?title={path}#{anchor}");
        SourceKind papers = kinds.require("papers");
        assertThat(papers.citationLink(papers.read(Map.of("path", "/srv/papers")))).isEqualTo("/files/{source}/{path}#page={page}");
        assertThat(papers.localPaths(papers.read(Map.of("path", "/srv/papers")))).containsExactly(Path.of("/srv/papers"));
    }

    @Test
    void aKindReadingEitherAUrlOrAPathNeedsOne() {
        SourceKind git = SourceKinds.installed().require("git");
        assertThatThrownBy(() -> git.read(Map.of("branch", "main")))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).containsKeys("url", "path"))
                .hasMessageContaining("Repository URL (url) or Repository on this server (path)");
    }

    @Test
    void aMissingRequiredSettingIsRefusedByName() {
        SourceKinds kinds = SourceKinds.installed();
        assertThatThrownBy(() -> kinds.require("mattermost").read(Map.of("url", "https://mattermost.example.org",
                "team", "xenonnt", "token-env", "MATTERMOST_TOKEN")))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).containsOnlyKeys("channels"))
                .hasMessage("Channels (channels) is required");
        assertThatThrownBy(() -> kinds.require("indico").read(Map.of("category", "1234")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsOnlyKeys("url"));
        assertThatThrownBy(() -> kinds.require("inspire").read(Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).containsOnlyKeys("query"));
    }

    @Test
    void testConnectionCountsTheDocuments() throws Exception {
        Files.writeString(dir.resolve("a.md"), "# A\n");
        Files.writeString(dir.resolve("b.md"), "# B\n");
        SourceKind docs = SourceKinds.installed().require("docs");
        DocumentSource folder = docs.open("d", docs.read(Map.of("path", dir.toString())), context());
        assertThat(docs.testConnection(folder)).isEqualTo(new ConnectionCheck(2, "reachable: 2 documents"));
    }

    @Test
    void aKindIsAddedWithoutTouchingTheOthers() {
        SourceKind notes = new SourceKind() {
            @Override
            public String name() {
                return "notes";
            }

            @Override
            public String label() {
                return "Notes";
            }

            @Override
            public String description() {
                return "Notes kept in memory.";
            }

            @Override
            public List<Setting> settings() {
                return List.of(Setting.required(SettingType.TEXT, "topic", "Topic").help("What the notes are about."));
            }

            @Override
            public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
                return new DocumentSource() {
                    @Override
                    public String name() {
                        return sourceName;
                    }

                    @Override
                    public List<String> list() {
                        return List.of("note.md");
                    }

                    @Override
                    public SourceFile read(String path) {
                        return SourceFile.text(path, "# " + settings.text("topic"));
                    }
                };
            }
        };
        SourceKinds kinds = SourceKinds.installed().with(notes);
        assertThat(kinds.names()).endsWith("notes");
        assertThat(kinds.require("notes").open("n", notes.read(Map.of("topic", "cryogenics")), context()).read("note.md").text())
                .isEqualTo("# cryogenics");
        assertThatThrownBy(() -> kinds.with(notes)).hasMessageContaining("two kinds are named notes");
    }

    private DocumentSource open(SourceKinds kinds, String kind, Map<String, Object> raw) {
        List<String> ignored = new ArrayList<>();
        SourceKind k = kinds.require(kind);
        DocumentSource source = k.open("s", k.readLenient(raw, ignored::add), context());
        assertThat(ignored).isEmpty();
        return source;
    }
}
