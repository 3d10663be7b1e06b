package org.labrador.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordTextTest {

    @Test
    void aQuestionIsSearchedWithoutTheWordsThatOnlyMakeItAQuestion() {
        assertThat(KeywordText.query("How do I get the peak widths? Is there a way to tell which ones I need?"))
                .isEqualTo("get the peak widths? Is a to ones");
        // A question made only of question words is searched as asked rather than not at all.
        assertThat(KeywordText.query("What do you mean?")).isEqualTo("mean?");
        assertThat(KeywordText.query("How?")).isEqualTo("How?");
    }

    @Test
    void namesInAQuestionAreSplitAsInPassagesAndOnlyCodeWrittenOnesLookUpDefinitions() {
        assertThat(KeywordText.query("Where is s1_area_min set?")).isEqualTo("is s1_area_min set? s1 area min");
        assertThat(KeywordText.symbols("Which Plugin sets s1_area_min, and what does strax.Plugin or PeakBasics do with the time?"))
                .containsExactly("s1_area_min", "plugin", "peakbasics");
        assertThat(KeywordText.symbols("What is the peak time, e.g. of an S1?")).isEmpty();
    }

    @Test
    void quotedPassagesAreFoundButApostrophesAreNotQuotes() {
        assertThat(KeywordText.quoted("Loading fails with 'Superrun configs are not the same for all subruns'. Why?"))
                .containsExactly("Superrun configs are not the same for all subruns");
        assertThat(KeywordText.quoted("I'd like the framework's docs, see \u201cmailbox killed\u201d and `n_top_pmts` or \"x y\""))
                .containsExactly("mailbox killed", "n_top_pmts", "x y");
        assertThat(KeywordText.quoted("It's the run's name, isn't it?")).isEmpty();
    }

    @Test
    void pathsBecomeWordsWithoutTheirNumbers() {
        assertThat(KeywordText.pathWords("straxen/plugins/gps_syncing/GpsSyncing_v2.py"))
                .isEqualTo("straxen plugins gps syncing Gps Syncing v2 py");
    }
}
