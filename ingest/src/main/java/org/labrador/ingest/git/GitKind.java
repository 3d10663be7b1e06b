package org.labrador.ingest.git;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;

/**
 * The kind {@code git}: a repository by URL or local path, fetched into the source's work folder
 * and indexed at the head of one branch ({@link GitSource}); a sync reads only what changed since
 * the indexed commit.
 */
public final class GitKind implements SourceKind {

    private static final String URL = "url";
    private static final String PATH = "path";
    private static final String BRANCH = "branch";
    private static final String TOKEN_ENV = "tokenEnv";
    private static final String EXCLUDES = "excludes";

    @Override
    public String name() {
        return "git";
    }

    @Override
    public String label() {
        return "Git repository";
    }

    @Override
    public String description() {
        return "A Git repository, by URL or on this server: code, docs, notebooks and configuration at the head of"
                + " one branch.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.optional(SettingType.URL, URL, "Repository URL")
                        .help("Such as https://github.com/org/repo.git (also git:// and ssh://), without credentials:"
                                + " name a token secret below instead.")
                        .schemes("http", "https", "git", "ssh"),
                Setting.optional(SettingType.PATH, PATH, "Repository on this server")
                        .help("Absolute path of a local repository, when there is no URL."),
                Setting.optional(SettingType.TEXT, BRANCH, "Branch")
                        .help("The branch to index; empty for the repository's default branch."),
                Setting.optional(SettingType.SECRET_ENV, TOKEN_ENV, "Token secret")
                        .help("For a private repository over https: the name of the secret holding an access token,"
                                + " never the token itself."),
                Setting.optional(SettingType.LIST, EXCLUDES, "Exclude patterns")
                        .help("Paths not to index, one gitignore-style pattern per line, such as docs/legacy/**."));
    }

    @Override
    public void check(KindSettings settings) {
        settings.requireOneOf(URL, PATH);
        try {
            GitSourceSettings.localPath(uri(settings));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(settings.has(URL) ? URL : PATH, e.getMessage());
        }
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        GitSourceSettings git = new GitSourceSettings(sourceName, uri(settings), settings.text(BRANCH),
                settings.text(TOKEN_ENV), settings.list(EXCLUDES), context.maxFileBytes());
        return new GitSource(git, context.workFolder(), context.secrets(), context.addresses());
    }

    /** A GitHub or GitLab repository's citations open the cited lines there, at the indexed commit. */
    @Override
    public String citationLink(KindSettings settings) {
        return GitLinks.forRemote(uri(settings), null).template();
    }

    /** A path, or a URL that is one ({@code file:}, or no scheme): the repository on this server. */
    @Override
    public List<Path> localPaths(KindSettings settings) {
        return GitSourceSettings.localPath(uri(settings)).stream().toList();
    }

    /**
     * The remote repository as host and path, without user, scheme, {@code .git} or letter case, so
     * that {@code https://GitHub.com/org/repo} and {@code git@github.com:org/repo.git} are one.
     */
    @Override
    public Optional<String> remoteAddress(KindSettings settings) {
        if (!settings.has(URL)) {
            return Optional.empty();
        }
        try {
            URIish uri = new URIish(settings.text(URL).strip());
            if (uri.getHost() == null || uri.getPath() == null) {
                return Optional.empty();
            }
            String path = uri.getPath().replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
            return Optional.of((uri.getHost() + "/" + path).toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String location(KindSettings settings) {
        return Redaction.stripUserInfo(uri(settings));
    }

    private static String uri(KindSettings settings) {
        return settings.has(URL) ? settings.text(URL) : settings.text(PATH);
    }
}
