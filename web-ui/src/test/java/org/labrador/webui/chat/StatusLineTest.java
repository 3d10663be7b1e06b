package org.labrador.webui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void describesIndexSyncAndModel() {
        Status ready = new Status(12, 340, NOW.minus(Duration.ofMinutes(5)), false, 0, "qwen3:4b", true, "");
        assertThat(StatusLine.describe(ready, CLOCK))
                .isEqualTo("12 documents · 340 chunks · last sync 5 min ago · model qwen3:4b: ready");

        Status fresh = new Status(0, 0, null, true, 0.42, "qwen3:4b", false, "start it with `ollama serve`");
        assertThat(StatusLine.describe(fresh, CLOCK))
                .isEqualTo("0 documents · 0 chunks · last sync never · model qwen3:4b: not ready · syncing 42%");
    }

    @Test
    void relativeTimes() {
        assertThat(RelativeTime.since(null, NOW)).isEqualTo("never");
        assertThat(RelativeTime.since(NOW.minusSeconds(10), NOW)).isEqualTo("just now");
        assertThat(RelativeTime.since(NOW.plusSeconds(10), NOW)).isEqualTo("just now");
        assertThat(RelativeTime.since(NOW.minusSeconds(3 * 3600 + 5), NOW)).isEqualTo("3 h ago");
        assertThat(RelativeTime.since(NOW.minus(Duration.ofDays(1)), NOW)).isEqualTo("1 day ago");
        assertThat(RelativeTime.since(NOW.minus(Duration.ofDays(9)), NOW)).isEqualTo("9 days ago");
    }

    @Test
    void refreshShowsProgressWhileSyncingAndSurvivesAFailingAssistant() {
        Status syncing = new Status(1, 2, null, true, 0.5, "m", false, "start it with `ollama serve`");
        ChatAssistant assistant = new ChatViewTest.ScriptedAssistant() {
            @Override
            public Status status() {
                return syncing;
            }
        };
        StatusLine line = new StatusLine(assistant, CLOCK);
        line.refresh();
        assertThat(line.getId()).contains("status");
        assertThat(line.getChildren().filter(c -> c.isVisible()).count()).isEqualTo(3);

        StatusLine broken = new StatusLine(new ChatViewTest.ScriptedAssistant() {
            @Override
            public Status status() {
                throw new IllegalStateException("index closed");
            }
        }, CLOCK);
        broken.refresh();
        assertThat(ViewSearch.text(broken.getElement())).isEqualTo("status unavailable");
        assertThat(Optional.of(broken.isVisible())).contains(true);
    }

    @Test
    void aSourceWhoseSyncFailedIsNamedWithTheReason() {
        Status failed = new Status(4, 18, NOW, false, 0, "m", true, "",
                java.util.List.of("straxen: sync failed: Git source 'straxen': authentication failed"));
        StatusLine line = new StatusLine(new ChatViewTest.ScriptedAssistant() {
            @Override
            public Status status() {
                return failed;
            }
        }, CLOCK);
        line.refresh();
        assertThat(ViewSearch.text(line.getElement())).contains("straxen: sync failed").contains("authentication failed");
    }
}
