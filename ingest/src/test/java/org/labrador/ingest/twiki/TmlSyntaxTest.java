package org.labrador.ingest.twiki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TML constructs one by one, and the anchors the two wikis give headings. */
class TmlSyntaxTest {

    private static String md(String... lines) {
        return TmlSyntax.toMarkdown(List.of(lines), "Atlas", "TriggerMenu");
    }

    @Test
    void headingsAtEveryLevelWithoutTheNoTocMark() {
        assertThat(md("---+!! Title", "---++ Two", "---+++ Three %NOTOC%", "---++++++ Six", "---# Numbered", "---+"))
                .isEqualTo("# Title\n## Two\n### Three\n###### Six\n# Numbered\n");
    }

    @Test
    void nestedMacrosGoWholeAndKnownOnesGiveText() {
        assertThat(md("%INCLUDE{\"%WEB%.Other\" section=\"a\"}% before %TOPIC% in %WEB%%BR%next %T% try %Y%"))
                .isEqualTo("before TriggerMenu in Atlas next Tip: try Done:");
        assertThat(md("Costs 50% less, %UNKNOWNMACRO% and %CALC{\"$SUM(R2:C2..R9:C2)\"}% gone"))
                .isEqualTo("Costs 50% less,  and  gone");
    }

    @Test
    void listsKeepTheirDepthAndSettingsAreDropped() {
        assertThat(md("   * one", "      * one.one", "         1. deep", "   1. first", "   a. letter",
                "   * Set ALLOWTOPICVIEW = Main.AtlasGroup", "      * Local SKIN = print"))
                .isEqualTo("- one\n  - one.one\n      1. deep\n1. first\n1. letter\n\n");
    }

    @Test
    void verbatimOnOneLineIsInlineCodeAndLineCountsAreKept() {
        String out = md("Run <verbatim>make -j4</verbatim> now", "<pre>", "x < y", "</pre>", "after");
        assertThat(out).isEqualTo("Run `make -j4` now\n```\nx < y\n```\nafter");
        assertThat(out.split("\n", -1)).hasSize(5);
    }

    @Test
    void linksGiveTheirLabelsAndEscapesGo() {
        assertThat(md("See [[Main.JaneDoe][Jane]], [[https://cern.ch]], [[WebHome#Top]], !NotALink, <nop>Word"))
                .isEqualTo("See Jane, https://cern.ch, WebHome, NotALink, Word");
        assertThat(md("<a href=\"https://x\">the <b>page</b></a> &amp; more&nbsp;here"))
                .isEqualTo("the page & more here");
    }

    @Test
    void aProseLineThatLooksLikeMarkdownStaysProse() {
        assertThat(md("# not a heading in TML", "#AnchorName", "---", "> quoted?"))
                .isEqualTo("\\# not a heading in TML\n\n\n\\> quoted?");
    }

    @Test
    void anchorsAsEachWikiMakesThem() {
        // TWiki: runs of punctuation become one underscore, at most 32 characters.
        assertThat(TwikiAnchors.twiki("How to check which triggers fired?")).isEqualTo("How_to_check_which_triggers_fire");
        assertThat(TwikiAnchors.twiki("  L1Calo: <b>jet</b> energy & scale!!")).isEqualTo("L1Calo_jet_energy_scale");
        // Foswiki: punctuation as _ and its decimal code; A_ in front of a leading digit.
        assertThat(TwikiAnchors.foswiki("How to check which triggers fired?")).isEqualTo("How_to_check_which_triggers_fired_63");
        assertThat(TwikiAnchors.foswiki("2024 run plan")).isEqualTo("A_2024_run_plan");
        assertThat(TwikiAnchors.foswiki("Energy (GeV)")).isEqualTo("Energy_40GeV_41");
    }
}
