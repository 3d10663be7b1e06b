package org.labrador.ingest.wiki;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;

/**
 * The kind {@code mediawiki}: a live wiki through its {@code api.php} ({@link MediaWikiApi}, with an
 * optional bot password) or an XML export file on this server ({@link MediaWikiExport}).
 */
public final class MediaWikiKind implements SourceKind {

    private static final String URL = "url";
    private static final String PATH = "path";
    private static final String TOKEN_ENV = "tokenEnv";

    @Override
    public String name() {
        return "mediawiki";
    }

    @Override
    public String label() {
        return "MediaWiki";
    }

    @Override
    public String description() {
        return "A MediaWiki, live through its api.php or from an XML export file on this server.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.optional(SettingType.URL, URL, "API address (api.php)")
                        .help("Such as https://wiki.example.org/w/api.php; every page is read, paged. Leave empty to"
                                + " read an export file instead."),
                Setting.optional(SettingType.PATH, PATH, "Export file on this server")
                        .help("An XML export (Special:Export or dumpBackup.php) when the wiki is not read live."),
                Setting.optional(SettingType.SECRET_ENV, TOKEN_ENV, "Bot password secret")
                        .help("Name of the secret holding a bot password as User@Bot:password, for a wiki that needs"
                                + " a login; never the password itself."));
    }

    @Override
    public void check(KindSettings settings) {
        settings.requireOneOf(URL, PATH);
        if (settings.has(URL)) {
            try {
                if (new URI(settings.text(URL)).getScheme() == null) {
                    throw new URISyntaxException(settings.text(URL), "no scheme");
                }
            } catch (URISyntaxException e) {
                throw new InvalidSettingsException(URL, "API address (url) is not an address such as"
                        + " https://wiki.example.org/w/api.php");
            }
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        if (!settings.has(URL)) {
            return new MediaWikiExport(sourceName, settings.path(PATH).orElseThrow(), context.maxFileBytes(), context.chunker());
        }
        MediaWikiApi.BotLogin login = null;
        String secretName = settings.text(TOKEN_ENV);
        if (secretName != null) {
            String credentials = context.secrets().apply(secretName);
            if (credentials == null || !credentials.contains(":")) {
                throw new IllegalArgumentException("mediawiki source " + sourceName + ": " + secretName
                        + " must hold the bot password as User@Bot:password");
            }
            int colon = credentials.indexOf(':');
            login = new MediaWikiApi.BotLogin(credentials.substring(0, colon), credentials.substring(colon + 1));
        }
        return new MediaWikiApi(sourceName, URI.create(settings.text(URL)), MediaWikiExport.DEFAULT_NAMESPACES, login,
                context.maxFileBytes(), context.chunker(), context.addresses());
    }

    /**
     * A live wiki's citations open the page's section on the wiki, without the credentials an
     * administrator may have put in the URL; an export's open Labrador's viewer.
     */
    @Override
    public String citationLink(KindSettings settings) {
        String url = settings.text(URL);
        return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@", "$1")
                .replaceFirst("api\\.php.*$", "index.php?title={path}#{anchor}");
    }
}
