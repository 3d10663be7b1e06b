package org.labrador.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Links made from templates: placeholders filled, and no empty fragment for a passage without an anchor. */
class LinkTemplateTest {

    @Test
    void aPassageWithoutAnAnchorGetsNoBareHash() {
        LinkTemplate wiki = new LinkTemplate("https://twiki.example.org/twiki/bin/view/{path}#{anchor}");

        assertThat(wiki.link("atlas", "", "Atlas/TriggerMenuRun3", 1, 4, 0, "Menu_structure"))
                .isEqualTo("https://twiki.example.org/twiki/bin/view/Atlas/TriggerMenuRun3#Menu_structure");
        assertThat(wiki.link("atlas", "", "Atlas/TriggerMenuRun3", 1, 4, 0, ""))
                .isEqualTo("https://twiki.example.org/twiki/bin/view/Atlas/TriggerMenuRun3");
        assertThat(wiki.link("atlas", "", "Atlas/TriggerMenuRun3", 1, 4, 0, null))
                .isEqualTo("https://twiki.example.org/twiki/bin/view/Atlas/TriggerMenuRun3");
    }

    @Test
    void aFragmentWithMoreThanTheAnchorIsKept() {
        assertThat(new LinkTemplate("https://example.org/{path}#L{start}-L{end}").link("s", "", "a.md", 3, 9, 0, ""))
                .isEqualTo("https://example.org/a.md#L3-L9");
        assertThat(new LinkTemplate("https://example.org/{path}#sec-{anchor}").link("s", "", "a.md", 3, 9, 0, ""))
                .isEqualTo("https://example.org/a.md#sec-");
        assertThat(new LinkTemplate("/files/{source}/{path}#page={page}").link("p", "", "a.pdf", 1, 2, 7, ""))
                .isEqualTo("/files/p/a.pdf#page=7");
    }
}
