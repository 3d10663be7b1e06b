package org.labrador.ingest.indico;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The documents of an Indico source, as one export listing gives them. Paths follow the server's
 * own URLs, so that {@code https://indico…/{path}} opens each: {@code event/5678} for an event,
 * {@code event/5678/contributions/91011} for a contribution, and an attachment's download path
 * ({@code event/5678/contributions/91011/attachments/12/34/slides.pdf}). Only PDF files are
 * attachment documents; the others (slide decks in other formats, links) are counted.
 */
final class IndicoListing {

    /** A document of the listing. */
    sealed interface Item permits Event, Contribution, Attachment {
    }

    record Event(JsonNode event) implements Item {
    }

    record Contribution(JsonNode event, JsonNode contribution) implements Item {
    }

    /**
     * A PDF attached to an event or contribution.
     *
     * @param download  where it is downloaded
     * @param title     its title in Indico
     * @param filename  its file name
     * @param modified  when it was last changed (ISO-8601 with offset), or empty
     * @param size      its size in bytes, or -1 when not given
     * @param parent    the title of the event or contribution it belongs to
     */
    record Attachment(URI download, String title, String filename, String modified, long size, String parent)
            implements Item {
    }

    private final Map<String, Item> items;
    private final int otherAttachments;

    private IndicoListing(Map<String, Item> items, int otherAttachments) {
        this.items = Collections.unmodifiableMap(items);
        this.otherAttachments = otherAttachments;
    }

    static IndicoListing of(List<JsonNode> events, URI base, boolean withAttachments) {
        Map<String, Item> items = new TreeMap<>();
        int[] others = {0};
        for (JsonNode event : events) {
            String eventId = event.path("id").asString("");
            if (!eventId.matches("\\d+")) {
                continue; // not an event of the export API
            }
            String eventPath = "event/" + eventId;
            items.put(eventPath, new Event(event));
            if (withAttachments) {
                attachments(event.path("folders"), base, eventPath, event.path("title").asString(""), items, others);
            }
            for (JsonNode contribution : event.path("contributions")) {
                String contributionPath = pathOf(contribution.path("url").asString(""), base)
                        .orElse(eventPath + "/contributions/" + contribution.path("db_id").asString(
                                contribution.path("id").asString("")));
                if (!contributionPath.startsWith(eventPath + "/contributions/")) {
                    continue;
                }
                items.put(contributionPath, new Contribution(event, contribution));
                if (withAttachments) {
                    attachments(contribution.path("folders"), base, contributionPath,
                            contribution.path("title").asString(""), items, others);
                }
            }
        }
        return new IndicoListing(items, others[0]);
    }

    private static void attachments(JsonNode folders, URI base, String parentPath, String parentTitle,
                                    Map<String, Item> items, int[] others) {
        for (JsonNode folder : folders) {
            for (JsonNode attachment : folder.path("attachments")) {
                String filename = attachment.path("filename").asString("");
                boolean pdf = attachment.path("type").asString("").equals("file")
                        && (attachment.path("content_type").asString("").equals("application/pdf")
                        || filename.toLowerCase(Locale.ROOT).endsWith(".pdf"));
                String download = attachment.path("download_url").asString("");
                URI url;
                try {
                    url = URI.create(download);
                } catch (IllegalArgumentException e) {
                    url = null;
                }
                if (!pdf || url == null || !url.isAbsolute()) {
                    others[0]++;
                    continue;
                }
                String path = pathOf(download, base).orElse(parentPath + "/attachments/" + folder.path("id").asString("")
                        + "/" + attachment.path("id").asString("") + "/" + filename);
                items.put(path, new Attachment(url, attachment.path("title").asString(filename), filename,
                        attachment.path("modified_dt").asString(""), attachment.path("size").asLong(-1), parentTitle));
            }
        }
    }

    /**
     * The path of one of the server's URLs below its base address, decoded, without slashes at
     * either end; empty for an address elsewhere.
     */
    static Optional<String> pathOf(String url, URI base) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String basePath = base.getPath() == null ? "" : base.getPath();
        if (!uri.isAbsolute() || !org.labrador.ingest.net.SourceHttpClient.sameOrigin(base, uri) || uri.getPath() == null
                || !uri.getPath().startsWith(basePath + "/")) {
            return Optional.empty();
        }
        String path = uri.getPath().substring(basePath.length()).replaceAll("^/+|/+$", "");
        return path.isEmpty() || path.contains("..") ? Optional.empty() : Optional.of(path);
    }

    List<String> paths() {
        return List.copyOf(items.keySet());
    }

    Item get(String path) {
        return items.get(path);
    }

    Map<String, Item> items() {
        return items;
    }

    int otherAttachments() {
        return otherAttachments;
    }

    long count(Class<? extends Item> kind) {
        return items.values().stream().filter(kind::isInstance).count();
    }
}
