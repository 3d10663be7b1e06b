package org.labrador.ingest.inspire;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;

/**
 * The kind {@code inspire}: the INSPIRE-HEP literature records a search matches ({@link InspireSource}),
 * with their full text from arXiv where they have an eprint; each record cited on INSPIRE.
 */
public final class InspireKind implements SourceKind {

    private static final String QUERY = "query";
    private static final String FULL_TEXT = "fullText";
    private static final String MAX_RECORDS = "maxRecords";
    private static final String URL = "url";
    private static final String ARXIV_URL = "arxivUrl";

    @Override
    public String name() {
        return "inspire";
    }

    @Override
    public String label() {
        return "INSPIRE-HEP papers";
    }

    @Override
    public String description() {
        return "The papers an INSPIRE-HEP search finds, such as a collaboration's: metadata and abstract, and the full"
                + " text from arXiv when there is an eprint.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(SettingType.TEXT, QUERY, "Search")
                        .help("An INSPIRE search, such as collaboration:XENON or a E.Aprile.1 and date > 2020."),
                Setting.optional(SettingType.BOOLEAN, FULL_TEXT, "Read full texts from arXiv").defaultValue("true")
                        .help("Whether a record's paper is read from arXiv when it has an eprint (one request every 3 s,"
                                + " as arXiv asks); without it, metadata and abstract only."),
                Setting.optional(SettingType.NUMBER, MAX_RECORDS, "Most records")
                        .defaultValue(String.valueOf(InspireSettings.MAX_RECORDS))
                        .help("At most this many records, the most recent first; INSPIRE serves at most 10000 of a search."),
                Setting.optional(SettingType.URL, URL, "INSPIRE address").defaultValue(InspireSettings.INSPIRE)
                        .help("The INSPIRE server, for a mirror."),
                Setting.optional(SettingType.URL, ARXIV_URL, "arXiv address").defaultValue(InspireSettings.ARXIV)
                        .help("The server full texts are fetched from, for a mirror."));
    }

    @Override
    public void check(KindSettings settings) {
        double max = settings.number(MAX_RECORDS, InspireSettings.MAX_RECORDS);
        if (max != Math.rint(max) || max < 1 || max > InspireSettings.MAX_RECORDS) {
            throw new InvalidSettingsException(MAX_RECORDS, "Most records (max-records) is a whole number from 1 to "
                    + InspireSettings.MAX_RECORDS + " (INSPIRE's limit per search; split the query by date for more)");
        }
        try {
            readerSettings(name(), settings, 1);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingsException.fromReader(settings(), QUERY, e);
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        return new InspireSource(readerSettings(sourceName, settings, context.maxFileBytes()), context.addresses(),
                context.chunker());
    }

    /** Asks INSPIRE how many records match, without reading them (a listing is paced, and long). */
    @Override
    public ConnectionCheck testConnection(DocumentSource source) throws IOException {
        return ((InspireSource) source).connectionCheck();
    }

    /** Citations open the record's page on INSPIRE. */
    @Override
    public String citationLink(KindSettings settings) {
        return readerSettings(name(), settings, 1).defaultLink();
    }

    @Override
    public String location(KindSettings settings) {
        return readerSettings(name(), settings, 1).url() + "/search?q=" + settings.text(QUERY);
    }

    /**
     * The search on its server: INSPIRE is public, and sources of different searches read different
     * papers, so they need not share groups.
     */
    @Override
    public Optional<String> remoteAddress(KindSettings settings) {
        InspireSettings inspire = readerSettings(name(), settings, 1);
        URI url = inspire.baseUrl();
        return Optional.of((url.getHost() + url.getPath().replaceAll("/+$", "") + "/literature?q=" + inspire.query())
                .toLowerCase(Locale.ROOT));
    }

    private static InspireSettings readerSettings(String sourceName, KindSettings settings, long maxFileBytes) {
        return new InspireSettings(sourceName, settings.text(URL), settings.text(QUERY), settings.flag(FULL_TEXT),
                settings.text(ARXIV_URL), (int) settings.number(MAX_RECORDS, InspireSettings.MAX_RECORDS), maxFileBytes);
    }
}
