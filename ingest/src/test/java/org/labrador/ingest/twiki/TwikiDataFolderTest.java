package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.SourceFile;

/** A TWiki {@code data/} tree read as a source: which files are topics, and what a topic becomes. */
class TwikiDataFolderTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    private static TwikiDataFolder folder(Path data, List<String> webs, String engine, long maxBytes) {
        return new TwikiDataFolder(new TwikiSettings("atlas-twiki", data, null, webs, engine, null, maxBytes), CHUNKER);
    }

    private static TwikiDataFolder fixture() {
        return folder(TwikiFixture.data(), List.of(), null, 1_000_000);
    }

    private static Passage passageUnder(SourceFile file, String heading) {
        return file.document().passages().stream().filter(p -> !p.headings().isEmpty()
                && p.headings().getLast().equals(heading)).findFirst().orElseThrow(() -> new AssertionError(
                "no passage under " + heading + " in " + file.document().passages()));
    }

    private static String allText(SourceFile file) {
        return String.join("\n", file.document().passages().stream().map(Passage::text).toList());
    }

    @Test
    void listsTopicsButNotHistoriesLeasesChangeLogsMachineryOrTheWikisOwnWebs() throws IOException {
        TwikiDataFolder wiki = fixture();

        assertThat(wiki.list()).containsExactly("Atlas/BrokenTopic", "Atlas/Calibration/LArCalibration",
                "Atlas/TriggerMenuRun3", "Atlas/WebHome", "Main/JaneDoe", "Main/WebHome");
        assertThat(wiki.exclusionSummary()).isEqualTo("2 wiki machinery topics (WebPreferences, WebChanges…)");
        assertThat(wiki.testConnection()).isEqualTo("OK, 6 topics in 3 webs");
    }

    @Test
    void websChooseWhatIsReadSubwebsIncludedAndTheWikisOwnWebsWhenNamed() throws IOException {
        assertThat(folder(TwikiFixture.data(), List.of("Atlas"), null, 1_000_000).list())
                .containsExactly("Atlas/BrokenTopic", "Atlas/Calibration/LArCalibration", "Atlas/TriggerMenuRun3",
                        "Atlas/WebHome");
        assertThat(folder(TwikiFixture.data(), List.of("Atlas/Calibration"), null, 1_000_000).list())
                .containsExactly("Atlas/Calibration/LArCalibration");
        assertThat(folder(TwikiFixture.data(), List.of("TWiki"), null, 1_000_000).list())
                .containsExactly("TWiki/TextFormattingRules");
    }

    @Test
    void aTopicBecomesSectionsCitedByWebDotTopicAtItsRevisionDate() throws IOException {
        TwikiDataFolder wiki = fixture();

        SourceFile menu = wiki.read("Atlas/TriggerMenuRun3");

        assertThat(menu.isSkipped()).isFalse();
        assertThat(menu.document().title()).isEqualTo("Atlas.TriggerMenuRun3");
        assertThat(menu.modified()).isEqualTo("2024-03-01T09:40:00Z"); // TOPICINFO date="1709286000"
        Passage thresholds = passageUnder(menu, "Lowest unprescaled thresholds");
        assertThat(thresholds.headings()).containsExactly("Trigger menu for Run 3", "Lowest unprescaled thresholds");
        assertThat(thresholds.text()).contains("Single muon | L1_MU14FCH | 26 GeV | 190")
                .contains("Signature | L1 seed | HLT threshold | Rate at 2e34 (Hz)");
        // Passages cite the topic's own lines: the heading's line in the file.
        List<String> fileLines = Files.readAllLines(wiki.resolve("Atlas/TriggerMenuRun3"));
        assertThat(fileLines.get(thresholds.startLine() - 1)).isEqualTo("---++ Lowest unprescaled thresholds");
        assertThat(wiki.anchor(thresholds)).isEqualTo("Lowest_unprescaled_thresholds");
        assertThat(wiki.anchor(passageUnder(menu, "Electron triggers"))).isEqualTo("Electron_triggers");
    }

    @Test
    void verbatimStaysWholeCodeAndMacrosSettingsAndAttachmentsAreNotText() throws IOException {
        SourceFile menu = fixture().read("Atlas/TriggerMenuRun3");

        Passage howTo = passageUnder(menu, "How to check which triggers fired");
        assertThat(howTo.text()).contains("```\nauto tdt = std::make_unique<Trig::TrigDecisionTool>(\"TrigDecisionTool\");\n"
                + "if (tdt->isPassed(\"HLT_e26_lhtight_ivarloose_L1EM22VHI\")) {\n    ++nElectronEvents;\n}\n```");
        assertThat(howTo.text()).contains("1. find the SMK (super master key)");
        String text = allText(menu);
        assertThat(text).contains("Warning: Do **not** edit the L1 thresholds here: they come from the `L1Menu` JSON")
                .contains("- Primary triggers: unprescaled").contains("  - single-lepton triggers such as `HLT_e26")
                .contains("see Atlas.TriggerMenuCoordination and\nthe TriggerDB browser for the keys")
                .contains("$\\epsilon_{ID} \\approx 0.86$")
                .contains("fast muon reconstruction (*muFast*)")
                .contains("Menu coordinators: Main.JaneDoe and Main.JohnSmith")
                .contains("In Run 2 the menu was configured");
        assertThat(text).doesNotContain("%TOC", "TOC{", "%X%", "TWISTY", "STARTINCLUDE", "BLUE", "ENDCOLOR",
                "ALLOWTOPICCHANGE", "META:", "menu_rates.png", "<verbatim>");
        Passage form = passageUnder(menu, "Form AtlasTopicForm");
        assertThat(form.text()).contains("Responsible: JaneDoe").contains("Reviewed on: 2024-02-28")
                .contains("Summary: Run 3 trigger menu with thresholds");
    }

    @Test
    void aBrokenTopicIsStillReadAndDatedByItsFile() throws IOException {
        TwikiDataFolder wiki = fixture();

        SourceFile broken = wiki.read("Atlas/BrokenTopic");

        assertThat(broken.isSkipped()).isFalse();
        assertThat(broken.document().passages().getFirst().headings()).containsExactly("Grünes Licht für die Kalibration");
        assertThat(allText(broken)).contains("unclosed code block");
        assertThat(broken.modified()).isEqualTo(Files.getLastModifiedTime(wiki.resolve("Atlas/BrokenTopic")).toInstant().toString());
    }

    @Test
    void oversizedBinaryAndOutsideTopicsAreSkippedWithTheirReason(@TempDir Path scratch) throws IOException {
        Path data = TwikiFixture.copyTo(scratch);
        Files.write(data.resolve("Atlas/ScanImage.txt"), new byte[] {0, 1, 2, 3});
        TwikiDataFolder small = folder(data, List.of(), null, 200);

        assertThat(small.read("Atlas/TriggerMenuRun3").skipReason()).startsWith("topic is ").endsWith("over the limit of 200");
        assertThat(small.read("Atlas/ScanImage").skipReason()).isEqualTo("binary content, not a topic");
        assertThat(small.read("Atlas/../../etc/passwd").isSkipped()).isTrue();
        assertThat(small.read("Atlas/.changes").skipReason()).isEqualTo("not a topic of this wiki");
        assertThat(small.read("Atlas/NoSuchTopic").skipReason()).startsWith("cannot read");
    }

    @Test
    void foswikiAnchorsEncodePunctuation(@TempDir Path scratch) throws IOException {
        Path data = TwikiFixture.copyTo(scratch);
        Files.writeString(data.resolve("Main/RatesPage.txt"), "---+ Rates (2024)\nHigh.\n", StandardCharsets.UTF_8);

        SourceFile twiki = folder(data, List.of(), "twiki", 1_000_000).read("Main/RatesPage");
        TwikiDataFolder foswiki = folder(data, List.of(), "foswiki", 1_000_000);

        assertThat(folder(data, List.of(), "twiki", 1_000_000).anchor(twiki.document().passages().getFirst()))
                .isEqualTo("Rates_2024");
        assertThat(foswiki.anchor(foswiki.read("Main/RatesPage").document().passages().getFirst()))
                .isEqualTo("Rates_402024_41");
    }

    @Test
    void aMissingFolderFailsTheListing() {
        TwikiDataFolder wiki = folder(Path.of("/no/such/twiki/data"), List.of(), null, 1_000);

        assertThatThrownBy(wiki::list).isInstanceOf(IOException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(wiki::testConnection).hasMessageContaining("does not exist");
    }

    @Test
    void settingsAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> new TwikiSettings("t", null, null, List.of(), null, null, 10))
                .hasMessageContaining("needs either a path");
        assertThatThrownBy(() -> new TwikiSettings("t", null, "https://wiki/bin/view", List.of(), null, null, 10))
                .hasMessageContaining("needs the webs");
        assertThatThrownBy(() -> new TwikiSettings("t", null, "https://u:p@wiki/bin/view", List.of("Main"), null, null, 10))
                .hasMessageContaining("must not hold a user name or password");
        assertThatThrownBy(() -> new TwikiSettings("t", Path.of("/d"), null, List.of("../etc"), null, null, 10))
                .hasMessageContaining("is not a web name");
        assertThatThrownBy(() -> new TwikiSettings("t", Path.of("/d"), null, List.of(), "mediawiki", null, 10))
                .hasMessageContaining("engine is twiki or foswiki");
        assertThat(new TwikiSettings("t", null, "https://twiki.cern.ch/twiki/bin/view/", List.of("Atlas"), null, "TW", 10)
                .defaultLink()).isEqualTo("https://twiki.cern.ch/twiki/bin/view/{path}#{anchor}");
    }
}
