package org.labrador.ingest.indico;

import java.net.URI;
import org.labrador.ingest.net.ServiceAddress;

/**
 * What a source of kind {@code indico} reads: the events of a category (its subcategories
 * included, as Indico exports them) or one event, through Indico's HTTP export API.
 *
 * @param name         the source's name
 * @param url          the Indico server, such as {@code https://indico.cern.ch}
 * @param category     the category's number (in {@code /category/1234/}), or null for an event
 * @param event        the event's number (in {@code /event/5678/}), or null for a category
 * @param from         only events from this date on, in Indico's notation ({@code 2023-01-01},
 *                     {@code -365d}, {@code today}); null for all. A large category needs it.
 * @param tokenEnv     names the secret holding an Indico API token ({@code indp_…}, scope
 *                     {@code read:legacy_api}, and {@code read:everything} to download protected
 *                     attachments), or null to read what is public
 * @param attachments  whether PDF attachments (slides, papers, minutes) are read
 * @param maxFileBytes attachments larger than this are skipped
 */
public record IndicoSettings(String name, String url, String category, String event, String from, String tokenEnv,
                             boolean attachments, long maxFileBytes) {

    private static final String INDICO_DATE =
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?|today|yesterday|tomorrow|now|[+-]?(\\d{1,3}d)?(\\d{1,2}h)?(\\d{1,2}m)?";

    public IndicoSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an indico source needs a name");
        }
        String what = "indico source '" + name + "'";
        url = ServiceAddress.parse(what + ": url", url).toString();
        category = blankToNull(category);
        event = blankToNull(event);
        if ((category == null) == (event == null)) {
            throw new IllegalArgumentException(what + " needs either a category or an event (their numbers), not both");
        }
        if (category != null && !category.matches("\\d{1,12}")) {
            throw new IllegalArgumentException(what + ": category is a number, as in /category/1234/ (got '" + category + "')");
        }
        if (event != null && !event.matches("\\d{1,12}")) {
            throw new IllegalArgumentException(what + ": event is a number, as in /event/5678/ (got '" + event + "')");
        }
        from = blankToNull(from);
        if (from != null && (!from.matches(INDICO_DATE) || from.matches("[+-]?"))) {
            throw new IllegalArgumentException(what + ": from is a date such as 2023-01-01, -365d or today (got '" + from + "')");
        }
        tokenEnv = blankToNull(tokenEnv);
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException(what + ": the attachment size limit must be positive");
        }
    }

    public URI baseUrl() {
        return URI.create(url);
    }

    /**
     * The link template citations open: the event, contribution or attachment on the Indico server,
     * at the cited page of a PDF ({@link IndicoSource#anchor} gives {@code page=N}).
     */
    public String defaultLink() {
        return url + "/{path}#{anchor}";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
