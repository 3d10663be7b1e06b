package org.labrador.chatserver.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.git.GitSourceSettings;

/**
 * Where on this server sources may read. A source added in the UI or over the API reads only under
 * an allowed root ({@code labrador.sources.allowed-roots}, by default the folders of the sources in
 * the configuration files), and no source ever reads the data dir, which holds the account database
 * and the clones of private repositories. Paths are compared as they really are on disk: links
 * resolved and {@code ..} gone, so neither leads around the rule.
 */
public final class SourceFolders {

    private final List<Path> allowedRoots;
    private final boolean rootsConfigured;
    private final Path dataDir;

    /**
     * @param configuredRoots {@code labrador.sources.allowed-roots}, empty when unset
     * @param declared        the sources of the configuration files, whose folders are the roots by default
     * @param dataDir         {@code labrador.data-dir}
     */
    SourceFolders(List<Path> configuredRoots, Collection<Source> declared, Path dataDir) {
        this.rootsConfigured = !configuredRoots.isEmpty();
        List<Path> roots = new ArrayList<>();
        if (rootsConfigured) {
            configuredRoots.forEach(root -> roots.add(realPath(root)));
        } else {
            declared.forEach(source -> localPath(source).ifPresent(path -> roots.add(realPath(path))));
        }
        this.allowedRoots = List.copyOf(roots);
        this.dataDir = realPath(dataDir);
    }

    /** The allowed roots, resolved. */
    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    /**
     * The folder or file a source reads on this server, as written: the folder of a docs, papers or
     * DokuWiki source, a MediaWiki export, a local Git repository (a path or a {@code file:} URL);
     * empty for a source read over the network.
     */
    public static Optional<Path> localPath(Source source) {
        String kind = source.kind() == null ? "" : source.kind();
        return switch (kind) {
            case "git" -> source.url() != null ? GitSourceSettings.localPath(source.url()) : Optional.ofNullable(source.path());
            case "mediawiki" -> source.url() != null ? Optional.empty() : Optional.ofNullable(source.path());
            default -> Optional.ofNullable(source.path());
        };
    }

    /** {@link #localPath} as it really is on disk, for comparing where sources read. */
    public static Optional<Path> realLocalPath(Source source) {
        return localPath(source).map(SourceFolders::realPath);
    }

    /** Refuses (400) a source of the configuration files that would read the data dir. */
    void requireOutsideDataDir(Source source) {
        Optional<Path> path = realLocalPath(source);
        if (path.isPresent() && overlaps(path.get(), dataDir)) {
            throw new IllegalArgumentException("source " + source.name() + " would read " + path.get()
                    + ", which is or holds Labrador's data dir (accounts, index, clones): never a source");
        }
    }

    /** Refuses (400) a source of the UI or API that reads outside the allowed roots, or the data dir. */
    void requireAllowed(Source source) {
        Optional<Path> written = localPath(source);
        if (written.isEmpty()) {
            return;
        }
        Path path = realPath(written.get());
        if (allowedRoots.stream().noneMatch(path::startsWith)) {
            throw new IllegalArgumentException("source " + source.name() + ": " + written.get()
                    + " is not under an allowed folder of this server ("
                    + (allowedRoots.isEmpty() ? "none is set" : String.join(", ", allowedRoots.stream().map(Path::toString).toList()))
                    + "); an administrator sets labrador.sources.allowed-roots"
                    + (rootsConfigured ? "" : ", which by default are the folders of the sources in the configuration files"));
        }
        requireOutsideDataDir(source);
    }

    /**
     * Refuses (400) a file a curator names for the server to read (a gold-question file), unless it lies under
     * an allowed root and outside the data dir, as a source's folder must.
     */
    public Path requireReadableFile(Path file, String extension) {
        Path path = realPath(file);
        if (!path.getFileName().toString().endsWith(extension) || allowedRoots.stream().noneMatch(path::startsWith)
                || overlaps(path, dataDir) || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(file + " is not a " + extension + " file under an allowed folder of this "
                    + "server (labrador.sources.allowed-roots)");
        }
        return path;
    }

    /** Whether one of two real paths is the other or inside it. */
    static boolean overlaps(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    /**
     * The path as it really is: absolute, links resolved, {@code ..} gone. A path that does not exist
     * (yet) is resolved as far as it exists, so that a link on the way still counts.
     */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
