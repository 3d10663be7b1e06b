package org.labrador.ingest.wiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.LinkTemplate;
import org.labrador.ingest.sync.SourceFile;

class MediaWikiExportTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);
    private static final long LIMIT = 10_000_000;

    @TempDir
    Path temp;

    @Test
    void enwikiPagesAreListedByTitleWithoutRedirectsOrCategories() throws IOException {
        MediaWikiExport wiki = new MediaWikiExport("enwiki", SharedCorpora.require("wiki/mediawiki/enwiki-minidump.xml"),
                LIMIT, CHUNKER);

        List<String> pages = wiki.list();

        assertThat(pages).contains("Atlantic_Ocean", "Berlin", "Arthur_Schopenhauer", "Ranma_½",
                "Ren_&_Stimpy_\"Adult_Party_Cartoon\"");
        assertThat(pages).doesNotContain("Category:Pininfarina");
        assertThat(pages).isSorted();
        assertThat(wiki.exclusionSummary()).contains("2 redirects").contains("Category: 1");
    }

    @Test
    void enwikiSectionsBecomeHeadingPathsWithMediaWikiAnchors() throws IOException {
        MediaWikiExport wiki = new MediaWikiExport("enwiki", SharedCorpora.require("wiki/mediawiki/enwiki-minidump.xml"),
                LIMIT, CHUNKER);
        wiki.list();

        SourceFile page = wiki.read("Atlantic_Ocean");

        assertThat(page.isSkipped()).isFalse();
        assertThat(page.document().title()).isEqualTo("Atlantic Ocean");
        assertThat(page.modified()).isEqualTo("2021-12-07T05:06:48Z");
        List<Passage> passages = page.document().passages();
        assertThat(passages).extracting(Passage::headings)
                .contains(List.of("Etymology"), List.of("Extent and data"), List.of("Bathymetry", "Mid-Atlantic Ridge"));
        Passage ridge = passages.stream().filter(p -> p.headings().equals(List.of("Bathymetry", "Mid-Atlantic Ridge")))
                .findFirst().orElseThrow();
        assertThat(ridge.text()).contains("The MAR divides the Atlantic longitudinally into two halves");
        assertThat(wiki.anchor(ridge)).isEqualTo("Mid-Atlantic_Ridge");
        assertThat(new LinkTemplate("https://en.wikipedia.org/w/index.php?title={path}#{anchor}")
                .link("enwiki", "", "Atlantic_Ocean", ridge.startLine(), ridge.endLine(), 0, wiki.anchor(ridge)))
                .isEqualTo("https://en.wikipedia.org/w/index.php?title=Atlantic_Ocean#Mid-Atlantic_Ridge");
        // Markup is gone, the readable parts of templates stay.
        String all = String.join("\n", passages.stream().map(Passage::text).toList());
        assertThat(all).doesNotContain("{{", "}}", "[[", "<ref", "'''");
        assertThat(all).contains("name: Atlantic Ocean", "106460000 km2");
        // Line numbers are those of the page's wikitext.
        String[] source = page.text().split("\n", -1);
        assertThat(source[ridge.startLine() - 1]).contains("Mid-Atlantic Ridge");
    }

    @Test
    void frwikiExportSchema08IsRead() throws IOException {
        MediaWikiExport wiki = new MediaWikiExport("fr", SharedCorpora.require("wiki/mediawiki/frwiki-extract_Bruges.xml"),
                LIMIT, CHUNKER);

        assertThat(wiki.list()).containsExactly("Bruges");
        SourceFile bruges = wiki.read("Bruges");
        assertThat(bruges.document().passages()).isNotEmpty();
        assertThat(bruges.document().passages().getFirst().text()).contains("Bruges");
    }

    @Test
    void onlyTheLatestRevisionIsIndexedAndTalkPagesAreLeftOut() throws Exception {
        MediaWikiExport wiki = new MediaWikiExport("det", resource("wiki/two-revisions.xml"), LIMIT, CHUNKER);

        assertThat(wiki.list()).containsExactly("Calorimeter", "Drift_chamber");
        SourceFile page = wiki.read("Drift_chamber");

        assertThat(page.modified()).isEqualTo("2024-03-02T10:00:00Z");
        assertThat(wiki.page("Drift_chamber").revisionId()).isEqualTo(120);
        String all = String.join("\n", page.document().passages().stream().map(Passage::text).toList());
        assertThat(all).contains("argon-ethane 50/50").doesNotContain("pure argon");
        assertThat(all).contains("$v_d = 50\\,\\mu\\mathrm{m/ns}$");
        assertThat(wiki.exclusionSummary()).contains("1 redirect").contains("User talk: 1");
        // A full-history dump lists revisions oldest first: the last one wins there too.
        SourceFile calorimeter = wiki.read("Calorimeter");
        assertThat(calorimeter.modified()).isEqualTo("2023-06-01T09:00:00Z");
        assertThat(calorimeter.document().passages().getFirst().text())
                .isEqualTo("The calorimeter has 4096 cells after the upgrade.");
    }

    @Test
    void otherNamespacesCanBeChosen() throws Exception {
        MediaWikiExport wiki = new MediaWikiExport("det", resource("wiki/two-revisions.xml"), Set.of(0, 3), LIMIT, CHUNKER);

        assertThat(wiki.list()).containsExactly("Calorimeter", "Drift_chamber", "User_talk:Ada");
    }

    @Test
    void aTruncatedDumpStillIndexesThePagesBeforeTheCut() throws IOException {
        Path full = SharedCorpora.require("wiki/mediawiki/enwiki-minidump.xml");
        String xml = Files.readString(full, StandardCharsets.UTF_8);
        int cut = xml.indexOf("<title>Berlin</title>") + 2000;
        Path truncated = temp.resolve("truncated.xml");
        Files.writeString(truncated, xml.substring(0, cut), StandardCharsets.UTF_8);
        MediaWikiExport wiki = new MediaWikiExport("cut", truncated, LIMIT, CHUNKER);

        List<String> pages = wiki.list();

        assertThat(pages).contains("Angela_Merkel", "Atlantic_Ocean").doesNotContain("Berlin", "IBM");
        assertThat(wiki.read("Atlantic_Ocean").document().passages()).isNotEmpty();
        assertThat(wiki.exclusionSummary()).contains("export damaged at line");
    }

    @Test
    void anUndefinedEntityEndsTheScanButKeepsEarlierPages() throws IOException {
        Path broken = temp.resolve("broken.xml");
        Files.writeString(broken, """
                <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
                  <page><title>First</title><ns>0</ns><revision><id>1</id><timestamp>2024-01-01T00:00:00Z</timestamp>
                    <text>The first page.</text></revision></page>
                  <page><title>Second</title><ns>0</ns><revision><id>2</id><timestamp>2024-01-01T00:00:00Z</timestamp>
                    <text>Broken &bogus; entity.</text></revision></page>
                  <page><title>Third</title><ns>0</ns><revision><id>3</id><timestamp>2024-01-01T00:00:00Z</timestamp>
                    <text>Never read.</text></revision></page>
                </mediawiki>
                """);
        MediaWikiExport wiki = new MediaWikiExport("broken", broken, LIMIT, CHUNKER);

        assertThat(wiki.list()).containsExactly("First");
        assertThat(wiki.exclusionSummary()).contains("export damaged at line 5").contains("bogus");
    }

    @Test
    void aFileThatIsNotAnExportFailsTheListing() throws IOException {
        Path junk = temp.resolve("junk.xml");
        Files.writeString(junk, "this is not XML");

        assertThatThrownBy(() -> new MediaWikiExport("junk", junk, LIMIT, CHUNKER).list())
                .isInstanceOf(IOException.class).hasMessageContaining("cannot read the MediaWiki export");
    }

    @Test
    void aPageOverTheSizeLimitIsListedButSkippedWithTheReason() throws IOException {
        char[] big = new char[5000];
        Arrays.fill(big, 'x');
        Path dump = temp.resolve("big.xml");
        Files.writeString(dump, """
                <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">
                  <page><title>Huge log</title><ns>0</ns><revision><id>1</id><timestamp>2024-01-01T00:00:00Z</timestamp>
                    <text>%s</text></revision></page>
                  <page><title>Small</title><ns>0</ns><revision><id>2</id><timestamp>2024-01-01T00:00:00Z</timestamp>
                    <text>Fine.</text></revision></page>
                </mediawiki>
                """.formatted(new String(big)));
        MediaWikiExport wiki = new MediaWikiExport("big", dump, 1000, CHUNKER);

        assertThat(wiki.list()).containsExactly("Huge_log", "Small");
        SourceFile huge = wiki.read("Huge_log");
        assertThat(huge.isSkipped()).isTrue();
        assertThat(huge.skipReason()).isEqualTo("page text is 5000 bytes, over the limit of 1000");
        assertThat(wiki.read("Small").isSkipped()).isFalse();
        assertThat(wiki.read("Missing").skipReason()).isEqualTo("no such page in the export");
    }

    @Test
    void anchorsArePercentEncodedLikeMediaWikiFragments() {
        Passage passage = new Passage(List.of("Détecteur à gaz", "Résolution (σ) 100%"), 1, 1, "x");
        MediaWikiExport wiki = new MediaWikiExport("x", temp.resolve("none.xml"), LIMIT, CHUNKER);

        assertThat(wiki.anchor(passage)).isEqualTo("R%C3%A9solution_(%CF%83)_100%25");
        assertThat(wiki.anchor(new Passage(List.of(), 1, 1, "x"))).isEmpty();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MediaWikiExportTest.class.getClassLoader().getResource(name).toURI());
    }
}
