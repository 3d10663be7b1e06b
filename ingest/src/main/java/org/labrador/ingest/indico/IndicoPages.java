package org.labrador.ingest.indico;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import tools.jackson.databind.JsonNode;

/**
 * Events and contributions of the export API written as Markdown pages, for the chunker: what,
 * when, where and who first (the lines a question such as "who talked about the trigger rates at
 * the March meeting?" needs), then the description, the timetable of an event, and the minutes.
 * Descriptions and minutes are HTML in Indico; their text is kept with its paragraphs and lists.
 */
final class IndicoPages {

    private IndicoPages() {
    }

    static String event(JsonNode event) {
        StringBuilder page = new StringBuilder("# ").append(oneLine(event.path("title").asString("Untitled event")))
                .append("\n\n");
        List<String> facts = new ArrayList<>();
        String kind = event.path("type").asString("");
        String category = event.path("category").asString("");
        if (!kind.isEmpty() || !category.isEmpty()) {
            facts.add(capitalized(kind.isEmpty() ? "event" : kind) + (category.isEmpty() ? "" : " in " + category));
        }
        facts.add("When: " + span(event.path("startDate"), event.path("endDate")));
        addIfPresent(facts, "Where: ", place(event));
        addIfPresent(facts, "Chairs: ", people(event.path("chairs")));
        addIfPresent(facts, "Keywords: ", join(event.path("keywords")));
        page.append(String.join("  \n", facts)).append("\n\n");
        appendText(page, event.path("description").asString(""));
        List<JsonNode> contributions = new ArrayList<>();
        event.path("contributions").forEach(contributions::add);
        if (!contributions.isEmpty()) {
            contributions.sort(Comparator.comparing((JsonNode c) -> dateTime(c.path("startDate")))
                    .thenComparing(c -> c.path("title").asString("")));
            page.append("## Timetable\n\n");
            for (JsonNode c : contributions) {
                String time = dateTime(c.path("startDate"));
                String speakers = people(c.path("speakers"));
                page.append("- ").append(time.isEmpty() ? "" : time + " ").append(oneLine(c.path("title").asString("")))
                        .append(speakers.isEmpty() ? "" : " — " + speakers).append('\n');
            }
            page.append('\n');
        }
        appendMinutes(page, event.path("note"));
        return page.toString();
    }

    static String contribution(JsonNode event, JsonNode contribution) {
        StringBuilder page = new StringBuilder("# ").append(oneLine(contribution.path("title").asString("Untitled contribution")))
                .append("\n\n");
        List<String> facts = new ArrayList<>();
        facts.add("Part of: " + oneLine(event.path("title").asString("")) + " (" + date(event.path("startDate")) + ")");
        JsonNode start = contribution.path("startDate");
        if (start.isObject()) {
            facts.add("When: " + span(start, contribution.path("endDate")));
        }
        addIfPresent(facts, "Session: ", contribution.path("session").asString(""));
        addIfPresent(facts, "Track: ", contribution.path("track").asString(""));
        addIfPresent(facts, "Type: ", contribution.path("type").asString(""));
        addIfPresent(facts, "Room: ", contribution.path("roomFullname").asString(contribution.path("room").asString("")));
        addIfPresent(facts, "Speakers: ", people(contribution.path("speakers")));
        addIfPresent(facts, "Authors: ", people(contribution.path("primaryauthors")));
        addIfPresent(facts, "Co-authors: ", people(contribution.path("coauthors")));
        addIfPresent(facts, "Keywords: ", join(contribution.path("keywords")));
        page.append(String.join("  \n", facts)).append("\n\n");
        appendText(page, contribution.path("description").asString(""));
        List<String> material = new ArrayList<>();
        for (JsonNode folder : contribution.path("folders")) {
            for (JsonNode attachment : folder.path("attachments")) {
                String file = attachment.path("filename").asString(attachment.path("link_url").asString(""));
                material.add("- " + oneLine(attachment.path("title").asString(file)) + (file.isEmpty() ? "" : " (" + file + ")"));
            }
        }
        appendMinutes(page, contribution.path("note"));
        if (!material.isEmpty()) {
            page.append("## Material\n\n").append(String.join("\n", material)).append('\n');
        }
        return page.toString();
    }

    private static void appendMinutes(StringBuilder page, JsonNode note) {
        String minutes = text(note.path("html").asString(""));
        if (!minutes.isBlank()) {
            page.append("## Minutes\n\n").append(minutes).append("\n\n");
        }
    }

    private static void appendText(StringBuilder page, String html) {
        String text = text(html);
        if (!text.isBlank()) {
            page.append(text).append("\n\n");
        }
    }

    /** "2024-03-04 09:00 – 2024-03-04 09:20 (Europe/Zurich)", shortened when both are on one day. */
    static String span(JsonNode start, JsonNode end) {
        String from = dateTime(start);
        String to = dateTime(end);
        if (to.isEmpty() || to.equals(from)) {
            return from + zone(start);
        }
        if (date(start).equals(date(end))) {
            to = to.substring(to.indexOf(' ') + 1);
        }
        return from + " – " + to + zone(start);
    }

    static String dateTime(JsonNode when) {
        String date = date(when);
        String time = when.path("time").asString("");
        return date.isEmpty() ? "" : time.length() >= 5 ? date + " " + time.substring(0, 5) : date;
    }

    private static String date(JsonNode when) {
        return when.path("date").asString("");
    }

    private static String zone(JsonNode when) {
        String tz = when.path("tz").asString("");
        return tz.isEmpty() ? "" : " (" + tz + ")";
    }

    private static String place(JsonNode event) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("location", "roomFullname", "address")) {
            String value = event.path(key).asString("").strip();
            if (!value.isEmpty() && parts.stream().noneMatch(p -> p.contains(value))) {
                parts.add(oneLine(value));
            }
        }
        return String.join(", ", parts);
    }

    /** "Jane Doe (CERN), John Smith (Stockholm University)". */
    static String people(JsonNode persons) {
        List<String> names = new ArrayList<>();
        for (JsonNode person : persons) {
            String name = person.path("fullName").asString(
                    (person.path("first_name").asString("") + " " + person.path("last_name").asString("")).strip());
            String affiliation = person.path("affiliation").asString("").strip();
            if (!name.isBlank()) {
                names.add(oneLine(name) + (affiliation.isEmpty() ? "" : " (" + oneLine(affiliation) + ")"));
            }
        }
        return String.join(", ", names);
    }

    private static String join(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asString("")));
        return out.stream().filter(s -> !s.isBlank()).collect(Collectors.joining(", "));
    }

    private static void addIfPresent(List<String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(label + value);
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * The text of an HTML fragment (a description, minutes): paragraphs, headings and table rows on
     * lines of their own, list items as Markdown items, line breaks kept, other markup dropped.
     */
    static String text(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (!html.contains("<")) {
            return html.strip(); // plain text, as older events have
        }
        StringBuilder out = new StringBuilder();
        Element body = Jsoup.parseBodyFragment(html).body();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> out.append("\n- ");
                        case "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre",
                             "blockquote" -> out.append("\n\n");
                        case "td", "th" -> out.append(" | ");
                        default -> {
                        }
                    }
                }
            }
        });
        return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("(?m)^ \\| ", "").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
