package org.labrador.ingest.twiki;

import java.io.IOException;
import java.util.List;
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
 * The kind {@code twiki}: a TWiki or Foswiki, from its {@code data/} folder on this server
 * ({@link TwikiDataFolder}) or live by its view address ({@link TwikiSite}) with the webs to read.
 */
public final class TwikiKind implements SourceKind {

    private static final String PATH = "path";
    private static final String URL = "url";
    private static final String WEBS = "webs";
    private static final String ENGINE = "engine";
    private static final String TOKEN_ENV = "tokenEnv";

    @Override
    public String name() {
        return "twiki";
    }

    @Override
    public String label() {
        return "TWiki or Foswiki";
    }

    @Override
    public String description() {
        return "A TWiki or Foswiki, from its data/ folder on this server or live by its view address: topics cited by"
                + " section with their revision date.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.optional(SettingType.PATH, PATH, "Data folder on this server")
                        .help("The wiki's data/ folder (Web/Topic.txt files), when it is not read live. Give a link"
                                + " template such as https://twiki.example.org/twiki/bin/view/{path}#{anchor} to cite"
                                + " the live wiki."),
                Setting.optional(SettingType.URL, URL, "View address")
                        .help("The address topics are viewed under, such as https://twiki.example.org/twiki/bin/view"
                                + " (TWiki 4.2 or later, or Foswiki); leave empty to read a data folder."),
                Setting.optional(SettingType.LIST, WEBS, "Webs")
                        .help("The webs to index, one per line (Atlas, Atlas/Trigger for a subweb); required for a"
                                + " live wiki. Empty for a folder: every web but TWiki, System, Trash, Sandbox and _*."),
                Setting.optional(SettingType.CHOICE, ENGINE, "Engine").choices("twiki", "foswiki").defaultValue("twiki")
                        .help("twiki or foswiki: the two make section anchors differently."),
                Setting.optional(SettingType.SECRET_ENV, TOKEN_ENV, "Credentials secret")
                        .help("For a live wiki that needs a login: the name of the secret holding user:password (HTTP"
                                + " basic), cookie:NAME=VALUE or bearer:TOKEN; never the credentials themselves."));
    }

    @Override
    public void check(KindSettings settings) {
        settings.requireOneOf(PATH, URL);
        if (settings.has(PATH) && settings.has(URL)) {
            throw new InvalidSettingsException(URL, "give either a data folder (path) or a view address (url), not both");
        }
        if (settings.has(URL) && !settings.has(WEBS)) {
            throw new InvalidSettingsException(WEBS, "a live wiki needs the webs to index, such as Main and Atlas");
        }
        if (settings.has(TOKEN_ENV) && !settings.has(URL)) {
            throw new InvalidSettingsException(TOKEN_ENV, "a credentials secret is for a live wiki (url), not a data folder");
        }
        try {
            readerSettings(name(), settings, 1);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingsException.fromReader(settings(), WEBS, e);
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        TwikiSettings twiki = readerSettings(sourceName, settings, context.maxFileBytes());
        if (!twiki.live()) {
            return new TwikiDataFolder(twiki, context.chunker());
        }
        String secretName = twiki.tokenEnv();
        Supplier<String> secret = secretName == null ? () -> null : () -> context.secrets().apply(secretName);
        return new TwikiSite(twiki, secret, context.addresses(), context.chunker());
    }

    @Override
    public ConnectionCheck testConnection(DocumentSource source) throws IOException {
        return source instanceof TwikiSite site ? site.connectionCheck() : ((TwikiDataFolder) source).connectionCheck();
    }

    /** A live wiki's citations open the topic at the cited section; a folder's open Labrador's viewer. */
    @Override
    public String citationLink(KindSettings settings) {
        return readerSettings(name(), settings, 1).defaultLink();
    }

    private static TwikiSettings readerSettings(String sourceName, KindSettings settings, long maxTopicBytes) {
        return new TwikiSettings(sourceName, settings.path(PATH).orElse(null), settings.text(URL), settings.list(WEBS),
                settings.text(ENGINE), settings.text(TOKEN_ENV), maxTopicBytes);
    }
}
