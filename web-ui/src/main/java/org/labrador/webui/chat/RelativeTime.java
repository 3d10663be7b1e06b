package org.labrador.webui.chat;

import java.time.Duration;
import java.time.Instant;

/** "3 min ago": how long ago something happened, at the precision a status line needs. */
final class RelativeTime {

    private RelativeTime() {
    }

    static String since(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long seconds = Duration.between(then, now).toSeconds();
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        long days = seconds / 86_400;
        return days == 1 ? "1 day ago" : days + " days ago";
    }
}
