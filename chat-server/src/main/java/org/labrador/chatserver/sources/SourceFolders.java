package org.labrador.chatserver.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.kind.SourceKinds;

/**
 * Where on this server sources may read. A source added in the UI or over the API reads only under
 * an allowed root ({@code labrador.sources.allowed-roots}, by default the folders of the sources in
 * the configuration files), and no source ever reads the data dir, which holds the account database
 * and the clones of private repositories. Paths are compared as they really are on disk: links
 * resolved and {@code ..} gone, so neither leads around the rule.
 */
public final class SourceFolders {

    private final SourceKinds kinds;
    private final List<Path> allowedRoots;
    private final boolean rootsConfigured;
    private final Path dataDir;

    /**
     * @param kinds           the kinds of source, which say where their sources read
     * @param configuredRoots {@code labrador.sources.allowed-roots}, empty when unset
     * @param declared        the sources of the configuration files, whose folders are the roots by default
     * @param dataDir         {@code labrador.data-dir}
     */
    SourceFolders(SourceKinds kinds, List<Path> configuredRoots, Collection<Source> declared, Path dataDir) {
        this.kinds = kinds;
        this.rootsConfigured = !configuredRoots.isEmpty();
        List<Path> roots = new ArrayList<>();
        if (rootsConfigured) {
            configuredRoots.forEach(root -> roots.add(realPath(root)));
        } else {
            declared.forEach(source -> localPaths(source).forEach(path -> roots.add(realPath(path))));
        }
        this.allowedRoots = List.copyOf(roots);
        this.dataDir = realPath(dataDir);
    }

    /** The allowed roots, resolved. */
    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    /**
     * The folders and files a source reads on this server, as written, as its kind says: the folder
     * of a docs, papers or DokuWiki source, a MediaWiki export, a local Git repository (a path or a
     * {@code file:} URL); none for a source read over the network or of an unknown kind.
     */
    public List<Path> localPaths(Source source) {
        return settings(source).map(s -> s.kind().localPaths(s.settings())).orElse(List.of());
    }

    /** {@link #localPaths} as they really are on disk, for comparing where sources read. */
    public List<Path> realLocalPaths(Source source) {
        return localPaths(source).stream().map(SourceFolders::realPath).toList();
    }

    /** What a source reads over the network, as its kind compares it (see {@link SourceKind#remoteAddress}). */
    public Optional<String> remoteAddress(Source source) {
        return settings(source).flatMap(s -> s.kind().remoteAddress(s.settings()));
    }

    private record Read(SourceKind kind, KindSettings settings) {
    }

    /** The source's settings as its kind reads them; empty when the kind is unknown or the settings unusable (refused elsewhere). */
    private Optional<Read> settings(Source source) {
        Optional<SourceKind> kind = kinds.find(source.kind());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Read(kind.get(), kind.get().readLenient(source.settings(), key -> { })));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Refuses (400) a source of the configuration files that would read the data dir. */
    void requireOutsideDataDir(Source source) {
        for (Path path : realLocalPaths(source)) {
            if (overlaps(path, dataDir)) {
                throw new IllegalArgumentException("source " + source.name() + " would read " + path
                        + ", which is or holds Labrador's data dir (accounts, index, clones): never a source");
            }
        }
    }

    /** Refuses (400) a source of the UI or API that reads outside the allowed roots, or the data dir. */
    void requireAllowed(Source source) {
        for (Path written : localPaths(source)) {
            Path path = realPath(written);
            if (allowedRoots.stream().noneMatch(path::startsWith)) {
                throw new IllegalArgumentException("source " + source.name() + ": " + written
                        + " is not under an allowed folder of this server ("
                        + (allowedRoots.isEmpty() ? "none is set" : String.join(", ", allowedRoots.stream().map(Path::toString).toList()))
                        + "); an administrator sets labrador.sources.allowed-roots"
                        + (rootsConfigured ? "" : ", which by default are the folders of the sources in the configuration files"));
            }
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
