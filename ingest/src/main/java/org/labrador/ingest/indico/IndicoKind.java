package org.labrador.ingest.indico;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;

/**
 * The kind {@code indico}: a category's events (with its subcategories) or one event, through
 * Indico's HTTP export API ({@link IndicoSource}), with an optional API token.
 */
public final class IndicoKind implements SourceKind {

    private static final String URL = "url";
    private static final String CATEGORY = "category";
    private static final String EVENT = "event";
    private static final String FROM = "from";
    private static final String TOKEN_ENV = "tokenEnv";
    private static final String ATTACHMENTS = "attachments";

    @Override
    public String name() {
        return "indico";
    }

    @Override
    public String label() {
        return "Indico category or event";
    }

    @Override
    public String description() {
        return "The events of an Indico category, or one event: timetables, speakers, abstracts, minutes, and the"
                + " slides and papers attached as PDF, cited by page.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(SettingType.URL, URL, "Indico address")
                        .help("The Indico server, such as https://indico.cern.ch."),
                Setting.optional(SettingType.TEXT, CATEGORY, "Category")
                        .help("The category's number, as in /category/1234/; its subcategories are read too. Give a"
                                + " category or an event."),
                Setting.optional(SettingType.TEXT, EVENT, "Event")
                        .help("One event's number, as in /event/5678/, instead of a category."),
                Setting.optional(SettingType.TEXT, FROM, "Events from")
                        .help("Only events from this date on: 2022-01-01, -365d or today; empty for all (a large"
                                + " category needs it)."),
                Setting.optional(SettingType.SECRET_ENV, TOKEN_ENV, "API token secret")
                        .help("The name of the secret holding an Indico API token (indp_…, scope read:legacy_api;"
                                + " read:everything for protected files), never the token itself; empty to read what is"
                                + " public."),
                Setting.optional(SettingType.BOOLEAN, ATTACHMENTS, "Read PDF attachments").defaultValue("true")
                        .help("Whether slides, papers and minutes attached as PDF are read, cited by page."));
    }

    @Override
    public void check(KindSettings settings) {
        settings.requireOneOf(CATEGORY, EVENT);
        if (settings.has(CATEGORY) && settings.has(EVENT)) {
            throw new InvalidSettingsException(EVENT, "give either a category or an event, not both");
        }
        try {
            readerSettings(name(), settings, 1);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingsException.fromReader(settings(), URL, e);
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        IndicoSettings indico = readerSettings(sourceName, settings, context.maxFileBytes());
        String secretName = indico.tokenEnv();
        Supplier<String> token = secretName == null ? () -> null : () -> context.secrets().apply(secretName);
        return new IndicoSource(indico, token, context.addresses(), context.chunker());
    }

    @Override
    public ConnectionCheck testConnection(DocumentSource source) throws IOException {
        return ((IndicoSource) source).connectionCheck();
    }

    /** Citations open the event, contribution or file on Indico, at the cited page of a PDF. */
    @Override
    public String citationLink(KindSettings settings) {
        return readerSettings(name(), settings, 1).defaultLink();
    }

    /**
     * The category or event on its server: sources of different categories on one Indico read
     * different events, and so need not share groups.
     */
    @Override
    public Optional<String> remoteAddress(KindSettings settings) {
        URI url = readerSettings(name(), settings, 1).baseUrl();
        String what = settings.has(EVENT) ? "/event/" + settings.text(EVENT) : "/category/" + settings.text(CATEGORY);
        return Optional.of((url.getHost() + url.getPath().replaceAll("/+$", "") + what).toLowerCase(Locale.ROOT));
    }

    private static IndicoSettings readerSettings(String sourceName, KindSettings settings, long maxFileBytes) {
        return new IndicoSettings(sourceName, settings.text(URL), settings.text(CATEGORY), settings.text(EVENT),
                settings.text(FROM), settings.text(TOKEN_ENV), settings.flag(ATTACHMENTS), maxFileBytes);
    }
}
