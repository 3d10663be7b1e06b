package org.labrador.webui.curation;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sources page's state cell: what a curator reads at a glance, and what to act on. */
class SourceStateTest {

    @Test
    void aSyncThatSucceededWithAWarningShowsTheWarningUnderItsState() {
        SourceAdmin.SourceRow row = new SourceAdmin.SourceRow("chat", "mattermost", "https://chat.example.org", List.of(),
                "", "ui", "idle", null, null, null, 12, 40, "", Instant.EPOCH, List.of(),
                List.of("channel 'xenon-analysis' is private, but this source has no groups: every signed-in user reads it"));

        List<String> texts = texts(SourcesView.state(row));

        assertThat(texts).containsExactly("ok, 12 documents",
                "warning: channel 'xenon-analysis' is private, but this source has no groups: every signed-in user reads it");
        assertThat(SourcesView.state(row).getChildren().filter(c -> c.getElement().getClassList().contains("source-warning")).count()).isOne();
    }

    @Test
    void aSyncWithoutWarningsShowsOnlyItsState() {
        SourceAdmin.SourceRow row = new SourceAdmin.SourceRow("docs", "docs", "/srv/docs", List.of(), "", "config", "idle",
                null, null, null, 1, 3, "", Instant.EPOCH, List.of(), List.of());

        assertThat(texts(SourcesView.state(row))).containsExactly("ok, 1 document");
    }

    @Test
    void skippedFilesOpenAsAListThatKeyboardAndTouchReach() {
        SourceAdmin.SourceRow row = new SourceAdmin.SourceRow("papers", "papers", "/srv/papers", List.of(), "", "config",
                "idle", null, null, null, 40, 900, "", Instant.EPOCH,
                List.of("broken.pdf: not a PDF (no %PDF header)", "huge.pdf: 210 MB, over the limit of 5 MB"), List.of());

        com.vaadin.flow.component.html.NativeDetails skipped = SourcesView.state(row).getChildren()
                .filter(com.vaadin.flow.component.html.NativeDetails.class::isInstance)
                .map(com.vaadin.flow.component.html.NativeDetails.class::cast).findFirst().orElseThrow();

        assertThat(skipped.getSummaryText()).isEqualTo("2 skipped");
        assertThat(skipped.getContent().getElement().getChildren().map(e -> e.getText()).toList())
                .containsExactly("broken.pdf: not a PDF (no %PDF header)", "huge.pdf: 210 MB, over the limit of 5 MB");
        assertThat(SourcesView.state(row).getElement().hasAttribute("title")).as("no mouse-only tooltip").isFalse();
    }

    private static List<String> texts(Component cell) {
        return cell.getChildren().filter(Span.class::isInstance).map(c -> ((Span) c).getText()).toList();
    }
}
