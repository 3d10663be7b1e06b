package org.labrador.ingest.mattermost;

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
 * The kind {@code mattermost}: chosen channels of one team, read through the REST API v4 with a
 * personal access token ({@link MattermostSource}); a thread is one document, cited by permalink.
 */
public final class MattermostKind implements SourceKind {

    private static final String URL = "url";
    private static final String TEAM = "team";
    private static final String CHANNELS = "channels";
    private static final String TOKEN_ENV = "tokenEnv";

    @Override
    public String name() {
        return "mattermost";
    }

    @Override
    public String label() {
        return "Mattermost channels";
    }

    @Override
    public String description() {
        return "Chosen channels of a Mattermost team: each thread, the question with its replies, is one document cited"
                + " by its permalink.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(SettingType.URL, URL, "Mattermost address")
                        .help("The server, such as https://mattermost.example.org."),
                Setting.required(SettingType.TEXT, TEAM, "Team")
                        .help("The team's name as in its URLs, such as xenonnt."),
                Setting.required(SettingType.LIST, CHANNELS, "Channels")
                        .help("One channel per line, by its name as in its URL (analysis-help) or its id. Private"
                                + " channels are read only when the token's user is a member; direct messages never."),
                Setting.required(SettingType.SECRET_ENV, TOKEN_ENV, "Access token secret")
                        .help("The name of the secret holding a personal access token (Profile → Security), never the"
                                + " token itself."));
    }

    @Override
    public void check(KindSettings settings) {
        try {
            readerSettings(name(), settings, 1);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingsException.fromReader(settings(), CHANNELS, e);
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        MattermostSettings mattermost = readerSettings(sourceName, settings, context.maxFileBytes());
        String secretName = mattermost.tokenEnv();
        return new MattermostSource(mattermost, () -> context.secrets().apply(secretName), context.addresses(),
                context.chunker());
    }

    @Override
    public ConnectionCheck testConnection(DocumentSource source) throws IOException {
        return ((MattermostSource) source).connectionCheck();
    }

    /** Citations open the thread's permalink on the server. */
    @Override
    public String citationLink(KindSettings settings) {
        return readerSettings(name(), settings, 1).defaultLink();
    }

    /**
     * The team on its server: the channels of one team overlap (a private channel's threads follow
     * its source's groups), so two sources of one team must share groups.
     */
    @Override
    public Optional<String> remoteAddress(KindSettings settings) {
        MattermostSettings mattermost = readerSettings(name(), settings, 1);
        URI url = mattermost.baseUrl();
        return Optional.of((url.getHost() + url.getPath().replaceAll("/+$", "") + "/" + mattermost.team())
                .toLowerCase(Locale.ROOT));
    }

    private static MattermostSettings readerSettings(String sourceName, KindSettings settings, long maxThreadBytes) {
        return new MattermostSettings(sourceName, settings.text(URL), settings.text(TEAM), settings.list(CHANNELS),
                settings.text(TOKEN_ENV), maxThreadBytes);
    }
}
