package org.labrador.ingest.inspire;

import java.net.URI;
import org.labrador.ingest.net.ServiceAddress;

/**
 * What a source of kind {@code inspire} reads: the INSPIRE-HEP literature records a search
 * matches, such as a collaboration's papers ({@code collaboration:XENON}).
 *
 * @param name         the source's name
 * @param url          the INSPIRE server; null for {@code https://inspirehep.net}
 * @param query        the search, in INSPIRE's syntax ({@code collaboration:XENON},
 *                     {@code a E.Aprile.1 and date > 2020})
 * @param fullText     whether the full text is read from arXiv where the record has an arXiv eprint
 * @param arxivUrl     the arXiv server PDFs are fetched from; null for {@code https://arxiv.org}
 * @param maxRecords   at most this many records (INSPIRE serves at most the first 10,000 of a search)
 * @param maxFileBytes PDFs larger than this are not read (the record is kept, without full text)
 */
public record InspireSettings(String name, String url, String query, boolean fullText, String arxivUrl,
                              int maxRecords, long maxFileBytes) {

    public static final String INSPIRE = "https://inspirehep.net";
    public static final String ARXIV = "https://arxiv.org";
    /** INSPIRE cannot page a search beyond its first 10,000 results. */
    public static final int MAX_RECORDS = 10_000;

    public InspireSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an inspire source needs a name");
        }
        String what = "inspire source '" + name + "'";
        url = ServiceAddress.parse(what + ": url", url == null || url.isBlank() ? INSPIRE : url).toString();
        arxivUrl = ServiceAddress.parse(what + ": arxiv-url", arxivUrl == null || arxivUrl.isBlank() ? ARXIV : arxivUrl)
                .toString();
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException(what + " needs a query, such as collaboration:XENON");
        }
        query = query.strip();
        if (query.length() > 1000 || query.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + ": the query is one line of at most 1000 characters");
        }
        maxRecords = maxRecords <= 0 ? MAX_RECORDS : maxRecords;
        if (maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException(what + ": INSPIRE serves at most the first " + MAX_RECORDS
                    + " records of a search; split the query (by date) into several sources");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException(what + ": the PDF size limit must be positive");
        }
    }

    public URI baseUrl() {
        return URI.create(url);
    }

    /** The link template of a record's page on INSPIRE: {@code {url}/literature/{path}} (the path is the control number). */
    public String defaultLink() {
        return url + "/literature/{path}";
    }
}
