package org.labrador.ingest.inspire;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A literature record of INSPIRE's search answer (a hit: {@code id}, {@code created},
 * {@code updated}, {@code metadata}), with the fields of the {@code hep} schema a reader needs
 * (inspirehep/inspire-schemas, {@code inspire_schemas/records/hep.yml}): {@code titles[].title},
 * {@code abstracts[].value}, {@code authors[].full_name}, {@code collaborations[].value},
 * {@code arxiv_eprints[].value} and {@code categories}, {@code dois[].value},
 * {@code publication_info[]} (journal, volume, year, page or article id), {@code control_number},
 * and the search's own {@code earliest_date} and {@code author_count}.
 *
 * @param controlNumber the record's number, its path and the end of its URL
 * @param updated       when INSPIRE last changed the record (ISO-8601), or empty
 * @param metadata      the record's metadata
 */
record InspireRecord(String controlNumber, String updated, JsonNode metadata) {

    private static final int AUTHORS_SHOWN = 10;

    static InspireRecord of(JsonNode hit) {
        JsonNode metadata = hit.path("metadata");
        String number = metadata.path("control_number").asString(hit.path("id").asString(""));
        return new InspireRecord(number, hit.path("updated").asString(""), metadata);
    }

    String title() {
        String title = metadata.path("titles").path(0).path("title").asString("").replaceAll("\\s+", " ").strip();
        return title.isEmpty() ? "INSPIRE record " + controlNumber : title;
    }

    /** The arXiv identifier ({@code 2303.14729}, {@code hep-ex/0101001}), or empty. */
    String arxivId() {
        String id = metadata.path("arxiv_eprints").path(0).path("value").asString("").strip();
        return id.matches("\\d{4}\\.\\d{4,5}(v\\d+)?|[a-z-]+(\\.[A-Z]{2})?/\\d{7}(v\\d+)?") ? id : "";
    }

    /** The record as a Markdown page: title, who, where published, identifiers, then the abstract. */
    String markdown(String inspireUrl) {
        StringBuilder page = new StringBuilder("# ").append(title().replace("#", "\\#")).append("\n\n");
        List<String> facts = new ArrayList<>();
        String authors = authors();
        String collaborations = values(metadata.path("collaborations"), "value");
        if (!authors.isEmpty() || !collaborations.isEmpty()) {
            facts.add("Authors: " + authors + (collaborations.isEmpty() ? ""
                    : (authors.isEmpty() ? "" : " — ") + collaborations + " Collaboration"));
        }
        String published = publication();
        if (!published.isEmpty()) {
            facts.add("Published in: " + published);
        }
        String arxiv = arxivId();
        if (!arxiv.isEmpty()) {
            String category = metadata.path("arxiv_eprints").path(0).path("categories").path(0).asString("");
            facts.add("arXiv: " + arxiv + (category.isEmpty() ? "" : " [" + category + "]"));
        }
        String dois = values(metadata.path("dois"), "value");
        if (!dois.isEmpty()) {
            facts.add("DOI: " + dois);
        }
        String date = metadata.path("earliest_date").asString("");
        if (!date.isEmpty()) {
            facts.add("Date: " + date);
        }
        facts.add("INSPIRE: " + inspireUrl + "/literature/" + controlNumber);
        page.append(String.join("  \n", facts)).append("\n\n");
        String abstractText = metadata.path("abstracts").path(0).path("value").asString("").strip();
        if (!abstractText.isEmpty()) {
            page.append("## Abstract\n\n").append(abstractText).append('\n');
        }
        return page.toString();
    }

    /** The first authors and how many more: "Aprile, E., Abe, K. and 150 others". */
    private String authors() {
        List<String> names = new ArrayList<>();
        for (JsonNode author : metadata.path("authors")) {
            String name = author.path("full_name").asString("").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        int total = Math.max(names.size(), metadata.path("author_count").asInt(0));
        if (names.isEmpty()) {
            return "";
        }
        List<String> shown = names.subList(0, Math.min(AUTHORS_SHOWN, names.size()));
        int more = total - shown.size();
        return String.join("; ", shown) + (more > 0 ? " and " + more + " other" + (more == 1 ? "" : "s") : "");
    }

    /** "Phys.Rev.Lett. 131 (2023) 041003". */
    private String publication() {
        JsonNode info = metadata.path("publication_info").path(0);
        String journal = info.path("journal_title").asString("");
        if (journal.isEmpty()) {
            return "";
        }
        String volume = info.path("journal_volume").asString("");
        String year = info.path("year").asString("");
        String page = info.path("artid").asString(info.path("page_start").asString(""));
        return (journal + (volume.isEmpty() ? "" : " " + volume) + (year.isEmpty() ? "" : " (" + year + ")")
                + (page.isEmpty() ? "" : " " + page)).strip();
    }

    private static String values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            String value = item.path(field).asString("").strip();
            if (!value.isEmpty() && !out.contains(value)) {
                out.add(value);
            }
        }
        return String.join(", ", out);
    }
}
