package org.labrador.ingest.mattermost;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A thread as one document: the question (the root post) and every reply, in the order they were
 * written, each under its author and time, so that an answer is never cut off from the question
 * it answers. Deleted posts and system messages ("joined the channel") are left out. Markdown of
 * the posts is kept, except that a post's own headings are escaped: the thread is one section,
 * titled by its channel and the first line of its question.
 *
 * @param title    {@code ~channel: first line of the question}
 * @param markdown the thread as Markdown
 * @param modified when the thread last changed (ISO-8601): its latest post, edit or reply
 * @param posts    how many posts it holds
 */
record MattermostThread(String title, String markdown, String modified, int posts) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int TITLE_CHARS = 90;

    /** Whether a post counts: not deleted, not a system message. */
    static boolean isContent(JsonNode post) {
        return post.path("delete_at").asLong(0) == 0 && !post.path("type").asString("").startsWith("system_");
    }

    /** The id of the thread a post belongs to: its root's, or its own when it is a root. */
    static String rootOf(JsonNode post) {
        String root = post.path("root_id").asString("");
        return root.isEmpty() ? post.path("id").asString("") : root;
    }

    /**
     * @param posts    the thread's posts as {@code /posts/{id}/thread} gives them, in any order
     * @param channel  the channel's display name
     * @param names    user names by user id; a missing one is shown by the start of its id
     */
    static MattermostThread of(String rootId, List<JsonNode> posts, String channel, Map<String, String> names) {
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode post : posts) {
            if (isContent(post)) {
                kept.add(post);
            }
        }
        kept.sort(Comparator.comparingLong((JsonNode p) -> p.path("create_at").asLong(0))
                .thenComparing(p -> p.path("id").asString("")));
        JsonNode root = kept.stream().filter(p -> p.path("id").asString("").equals(rootId)).findFirst()
                .orElse(kept.isEmpty() ? null : kept.getFirst());
        String question = root == null ? "" : firstLine(root.path("message").asString(""));
        String title = "~" + channel + ": " + (question.isEmpty() ? "thread " + rootId : question);
        StringBuilder out = new StringBuilder("# ").append(title.replace("#", "\\#")).append("\n\n");
        long latest = 0;
        for (JsonNode post : kept) {
            long created = post.path("create_at").asLong(0);
            latest = Math.max(latest, Math.max(created, Math.max(post.path("update_at").asLong(0),
                    post.path("edit_at").asLong(0))));
            out.append("**@").append(author(post, names)).append("** · ").append(WHEN.format(Instant.ofEpochMilli(created)))
                    .append(post == root ? "" : " (reply)").append(post.path("edit_at").asLong(0) > 0 ? " (edited)" : "")
                    .append("  \n").append(body(post)).append("\n\n");
        }
        return new MattermostThread(title, out.toString().strip() + "\n",
                latest == 0 ? "" : Instant.ofEpochMilli(latest).toString(), kept.size());
    }

    private static String author(JsonNode post, Map<String, String> names) {
        String override = post.path("props").path("override_username").asString("");
        if (!override.isBlank()) {
            return override.strip();
        }
        String id = post.path("user_id").asString("");
        String name = names.get(id);
        return name != null ? name : "user-" + id.substring(0, Math.min(8, id.length()));
    }

    /** A post's message, with its headings made plain lines and the names of the files it carries. */
    private static String body(JsonNode post) {
        String message = post.path("message").asString("").strip().replaceAll("(?m)^(#{1,6}\\s)", "\\\\$1");
        List<String> files = new ArrayList<>();
        post.path("metadata").path("files").forEach(f -> files.add(f.path("name").asString("")));
        files.removeIf(String::isBlank);
        String attached = files.isEmpty() ? "" : (message.isEmpty() ? "" : "\n") + "(attached: " + String.join(", ", files) + ")";
        return message + attached;
    }

    private static String firstLine(String message) {
        for (String line : message.split("\n")) {
            String text = line.replaceAll("^[#>*\\s-]+", "").replaceAll("[*_`]", "").strip();
            if (!text.isEmpty()) {
                return text.length() <= TITLE_CHARS ? text : text.substring(0, TITLE_CHARS - 1).strip() + "…";
            }
        }
        return "";
    }
}
