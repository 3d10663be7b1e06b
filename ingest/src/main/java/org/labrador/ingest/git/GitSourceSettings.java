package org.labrador.ingest.git;

import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * Where a repository comes from and what of it is indexed.
 *
 * @param name         source name, unique among sources
 * @param uri          https URL, file URL or local path of the repository
 * @param branch       branch to index, or null for the remote's default branch
 * @param tokenEnv     name of an environment variable holding an access token for https, or null
 * @param excludes     gitignore-style glob patterns of paths not to index, e.g. {@code docs/legacy/**}
 * @param maxFileBytes files larger than this are skipped without being loaded
 */
public record GitSourceSettings(String name, String uri, String branch, String tokenEnv, List<String> excludes,
                                long maxFileBytes) {

    public GitSourceSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Git source needs a name");
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("Git source '" + name + "' needs a uri");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("Git source '" + name + "': max file bytes must be positive");
        }
        uri = uri.strip();
        branch = branch == null || branch.isBlank() ? null : branch.strip();
        tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? null : tokenEnv.strip();
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /**
     * The repository's folder on this server when the uri is a local path or a {@code file:} URL (as
     * JGit reads it), else empty: a remote repository.
     */
    public Optional<Path> localPath() {
        return localPath(uri);
    }

    /** {@link #localPath()} of any repository uri; an invalid uri is an {@link IllegalArgumentException}. */
    public static Optional<Path> localPath(String uri) {
        try {
            URIish parsed = new URIish(uri.strip());
            boolean local = parsed.getScheme() == null && parsed.getHost() == null || "file".equals(parsed.getScheme());
            return local && parsed.getPath() != null ? Optional.of(Path.of(parsed.getPath())) : Optional.empty();
        } catch (URISyntaxException | InvalidPathException e) {
            throw new IllegalArgumentException("'" + Redaction.stripUserInfo(uri) + "' is not a valid repository URI");
        }
    }

    /** The uri as it may be shown: without user name or password. */
    public String displayUri() {
        return Redaction.stripUserInfo(uri);
    }

    /** Never shows the uri's user information, which may hold a password or token. */
    @Override
    public String toString() {
        return "GitSourceSettings[name=" + name + ", uri=" + displayUri() + ", branch=" + branch + ", tokenEnv="
                + tokenEnv + ", excludes=" + excludes + ", maxFileBytes=" + maxFileBytes + "]";
    }
}
