package org.labrador.ingest.kind;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.VersionedSource;

/**
 * A kind of knowledge source ({@code docs}, {@code git}, {@code mediawiki}, …): what its settings
 * are, how a source of it is read, tested and cited. One implementation per kind, registered in
 * {@code META-INF/services/org.labrador.ingest.kind.SourceKind} (see {@link SourceKinds}); the
 * application builds the configuration keys, the stored settings, the API's validation and the
 * Sources page's form from {@link #settings()}, so that it never names a kind.
 *
 * <p>A source's common settings (name, groups, schedule, citation link template) belong to the
 * application; a kind describes only its own. Readers are {@link DocumentSource}s, and a kind
 * with revisions (a Git commit) returns a {@link VersionedSource} so that a sync reads only what
 * changed. Implementations are stateless and need a public no-argument constructor.
 */
public interface SourceKind {

    /** The kind's name as users write it in {@code config/sources.yml}: lower case, such as {@code docs}. */
    String name();

    /** A short name for the form's kind menu, such as "Docs folder". */
    String label();

    /** One sentence on what a source of this kind reads, shown under the kind menu and in the API. */
    String description();

    /** The kind's own settings, in the order the form shows them. */
    List<Setting> settings();

    /**
     * Rules between settings that the description cannot say, such as "a url or a path".
     *
     * @throws InvalidSettingsException naming the settings at fault
     */
    default void check(KindSettings settings) {
    }

    /**
     * A reader for one source of this kind. It may be opened for a test connection only, and is
     * closed (when {@link AutoCloseable}) when the source is removed or replaced.
     *
     * @param sourceName the source's name, which its passages carry
     * @throws IllegalArgumentException when the settings cannot be used (a malformed secret, say)
     */
    DocumentSource open(String sourceName, KindSettings settings, KindContext context);

    /**
     * Reads the source once without indexing, for "test connection": by default it brings a
     * versioned source up to date and counts the documents. A kind whose listing is slow may check
     * less (that its token is accepted, say).
     *
     * @throws IOException saying what could not be reached; the message reaches the curator
     */
    default ConnectionCheck testConnection(DocumentSource source) throws IOException {
        String revision = source instanceof VersionedSource versioned ? versioned.update() : "";
        int documents = source.list().size();
        return new ConnectionCheck(documents, "reachable: " + documents + " documents"
                + (revision.isEmpty() ? "" : " at commit " + revision.substring(0, Math.min(12, revision.length()))));
    }

    /**
     * The link template citations use when the source gives none (placeholders as in
     * {@link org.labrador.ingest.sync.LinkTemplate}), or null for Labrador's own viewer.
     */
    default String citationLink(KindSettings settings) {
        return null;
    }

    /**
     * The folders and files on this server that the source reads: curators may only name those
     * under the allowed roots, and no source reads the data dir. By default the values of its
     * {@link SettingType#PATH} settings.
     */
    default List<Path> localPaths(KindSettings settings) {
        List<Path> paths = new ArrayList<>();
        for (Setting setting : settings.description()) {
            if (setting.type() == SettingType.PATH) {
                settings.path(setting.name()).ifPresent(paths::add);
            }
        }
        return paths;
    }

    /**
     * What the source reads over the network, as one comparable address (host and path, lower
     * case), so that two sources over the same remote content are seen to overlap; empty for a
     * source read from this server. By default the first {@link SettingType#URL} setting that is set.
     */
    default Optional<String> remoteAddress(KindSettings settings) {
        for (Setting setting : settings.description()) {
            String url = setting.type() == SettingType.URL ? settings.text(setting.name()) : null;
            if (url != null) {
                try {
                    URI uri = new URI(url.strip());
                    if (uri.getHost() != null) {
                        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
                        return Optional.of((uri.getHost() + path).toLowerCase(Locale.ROOT));
                    }
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where the source reads, for the Sources page: by default the first URL or path setting that
     * is set. The application removes URL credentials before showing it.
     */
    default String location(KindSettings settings) {
        for (Setting setting : settings.description()) {
            if ((setting.type() == SettingType.URL || setting.type() == SettingType.PATH) && settings.has(setting.name())) {
                return settings.text(setting.name());
            }
        }
        return "";
    }

    /**
     * Settings as a curator sent them, checked: unknown keys, missing or malformed values and
     * {@link #check} rules are refused.
     *
     * @throws InvalidSettingsException naming every setting at fault
     */
    default KindSettings read(Map<String, ?> raw) {
        KindSettings settings = KindSettings.read(settings(), raw);
        check(settings);
        return settings;
    }

    /**
     * Settings from a configuration file or the database: keys the kind does not know go to
     * {@code ignored} instead of being refused (see {@link KindSettings#readLenient}).
     */
    default KindSettings readLenient(Map<String, ?> raw, Consumer<String> ignored) {
        KindSettings settings = KindSettings.readLenient(settings(), raw, ignored);
        check(settings);
        return settings;
    }
}
