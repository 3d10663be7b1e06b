package org.labrador.ingest.wiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.SourceFile;

class DokuWikiPagesTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    @TempDir
    Path temp;

    @Test
    void corpusPagesAreListedByNamespacedPageId() throws IOException {
        DokuWikiPages wiki = new DokuWikiPages("uic", SharedCorpora.require("wiki/dokuwiki/pages"), 1_000_000, CHUNKER);

        List<String> pages = wiki.list();

        assertThat(pages).hasSize(43).contains("faq", "uic101:gpa", "en:wiki:syntax", "management:admin:todo");
        assertThat(pages).isSorted();
    }

    @Test
    void corpusPageKeepsItsHeadingLevelsAndTableRows() throws IOException {
        DokuWikiPages wiki = new DokuWikiPages("uic", SharedCorpora.require("wiki/dokuwiki/pages"), 1_000_000, CHUNKER);

        SourceFile gpa = wiki.read("uic101:gpa");

        assertThat(gpa.document().title()).isEqualTo("GPA制度");
        Passage plan = gpa.document().passages().stream()
                .filter(p -> p.headings().equals(List.of("GPA制度", "评分系统", "评分计划"))).findFirst().orElseThrow();
        assertThat(plan.text()).contains("字母等级 | 学业表现 | 每学分绩点(a) | 每学分绩点(b)")
                .contains("A | 优秀 Excellent | 4.00 | 4.00");
        assertThat(gpa.modified()).isEqualTo(
                Files.getLastModifiedTime(SharedCorpora.require("wiki/dokuwiki/pages/uic101/gpa.txt")).toInstant().toString());
    }

    @Test
    void corpusSyntaxPageKeepsCodeBlocksWhole() throws IOException {
        DokuWikiPages wiki = new DokuWikiPages("uic", SharedCorpora.require("wiki/dokuwiki/pages"), 1_000_000, CHUNKER);

        SourceFile syntax = wiki.read("en:wiki:syntax");

        assertThat(syntax.document().title()).isEqualTo("Formatting Syntax");
        assertThat(syntax.document().passages()).extracting(Passage::headings)
                .contains(List.of("Formatting Syntax", "Basic Text Formatting"));
        assertThat(syntax.document().passages()).anyMatch(p -> p.text().contains("```")
                && p.text().indexOf("```") != p.text().lastIndexOf("```"));
    }

    @Test
    void namespacesHeadingsCodeAndAnchorsOfAPage() throws IOException {
        Path page = temp.resolve("detector/tracker/calibration.txt");
        Files.createDirectories(page.getParent());
        Files.writeString(page, """
                ====== Tracker calibration ======
                Run the [[detector:tracker:daq|DAQ]] first. {{detector:tracker:photo.png?200|}}

                ===== Drift velocity (v_d) =====
                  * measure //every// run
                  * store in ''calib.db''
                <code bash>
                calib --run 1234 \\
                      --out calib.db
                </code>
                ^ Gas ^ v_d ^
                | Ar/CO2 | 50 |
                ==== 2. Müller's check ====
                Done.
                """);
        Files.setLastModifiedTime(page, FileTime.from(Instant.parse("2024-05-01T12:00:00Z")));
        Files.writeString(temp.resolve(".hidden.txt"), "not a page");
        DokuWikiPages wiki = new DokuWikiPages("det", temp, 1_000_000, CHUNKER);

        assertThat(wiki.list()).containsExactly("detector:tracker:calibration");
        SourceFile read = wiki.read("detector:tracker:calibration");

        assertThat(read.modified()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(read.document().title()).isEqualTo("Tracker calibration");
        List<Passage> passages = read.document().passages();
        Passage velocity = passages.stream()
                .filter(p -> p.headings().equals(List.of("Tracker calibration", "Drift velocity (v_d)")))
                .findFirst().orElseThrow();
        assertThat(velocity.text()).contains("- measure *every* run", "- store in `calib.db`",
                "```bash\ncalib --run 1234 \\\n      --out calib.db\n```", "Gas | v_d\nAr/CO2 | 50");
        assertThat(velocity.startLine()).isEqualTo(4);
        assertThat(wiki.anchor(velocity)).isEqualTo("drift_velocity_v_d");
        Passage check = passages.getLast();
        assertThat(check.headings()).containsExactly("Tracker calibration", "Drift velocity (v_d)", "2. Müller's check");
        assertThat(wiki.anchor(check)).isEqualTo("muller_s_check");
        assertThat(passages.getFirst().text()).contains("Run the DAQ first.").doesNotContain("photo.png");
    }

    @Test
    void pageIdsThatLeaveTheFolderAreRefused() {
        DokuWikiPages wiki = new DokuWikiPages("det", temp, 1_000_000, CHUNKER);

        assertThatThrownBy(() -> wiki.resolve("..:..:etc:passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wiki.read("..:secret").isSkipped()).isTrue();
    }
}
