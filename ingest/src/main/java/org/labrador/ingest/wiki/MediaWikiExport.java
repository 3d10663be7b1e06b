package org.labrador.ingest.wiki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of kind {@code mediawiki-export}: a MediaWiki XML export file (Special:Export or
 * dumpBackup, schemas 0.8 to 0.11), read as a stream.
 *
 * <p>Each page is one document, at the path of its title with spaces as underscores
 * ({@code Drift_chamber/Calibration}), as MediaWiki spells it in URLs. Only the latest revision of
 * each page is indexed (by timestamp, then revision id); redirects and pages outside the chosen
 * namespaces are left out and counted in {@link #exclusionSummary()}. The wikitext is read as
 * Markdown ({@link WikitextConverter}) and cut by the {@link DocumentChunker}; passages carry the
 * page's section headings and its wikitext line numbers, and {@link #anchor} gives the MediaWiki
 * section fragment, so a link template such as
 * {@code https://wiki.example.org/index.php?title={path}#{anchor}} opens the section.
 *
 * <p>A damaged export (truncated, or with an undefined entity) is indexed up to the fault, which
 * {@link #exclusionSummary()} reports; {@link #list()} fails only when not a single page could be
 * read, so that a broken file never reads as a wiki emptied of its pages. A page over the size
 * limit is listed and {@link #read} gives it as skipped, with the reason.
 *
 * <p>The export is scanned once per {@link #list()} (and again by {@link #read} if the file
 * changed since); the latest wikitext of every page is held in memory in between.
 */
public final class MediaWikiExport implements DocumentSource {

    /** The main (article), project and help namespaces: talk, user, file and template pages are not knowledge. */
    public static final Set<Integer> DEFAULT_NAMESPACES = Set.of(0, 4, 12);

    private static final Logger log = LoggerFactory.getLogger(MediaWikiExport.class);

    private final String name;
    private final Path file;
    private final Set<Integer> namespaces;
    private final long maxPageBytes;
    private final DocumentChunker chunker;
    private Scanned scanned;

    private record Scanned(FileTime modified, long size, MediaWikiDump.Scan scan) {
    }

    /**
     * @param name         the source's name
     * @param file         the export's XML file
     * @param namespaces   the namespace numbers to index (see {@link #DEFAULT_NAMESPACES})
     * @param maxPageBytes pages whose text is larger (UTF-8 bytes) are listed but skipped
     * @param chunker      cuts each page into passages
     */
    public MediaWikiExport(String name, Path file, Set<Integer> namespaces, long maxPageBytes, DocumentChunker chunker) {
        this.name = name;
        this.file = file.toAbsolutePath().normalize();
        this.namespaces = Set.copyOf(namespaces);
        this.maxPageBytes = maxPageBytes;
        this.chunker = chunker;
    }

    /** An export read with the {@link #DEFAULT_NAMESPACES}. */
    public MediaWikiExport(String name, Path file, long maxPageBytes, DocumentChunker chunker) {
        this(name, file, DEFAULT_NAMESPACES, maxPageBytes, chunker);
    }

    @Override
    public String name() {
        return name;
    }

    /** A page is its wiki text, read from the export file on this server. */
    @Override
    public boolean opensInViewer() {
        return true;
    }

    @Override
    public synchronized List<String> list() throws IOException {
        MediaWikiDump.Scan scan = scan(true);
        if (scan.pages().isEmpty() && scan.fault() != null) {
            throw new IOException("cannot read the MediaWiki export " + file + ": " + scan.fault());
        }
        if (scan.fault() != null) {
            log.warn("MediaWiki export {} is damaged at {}; indexing the {} pages read before it",
                    file, scan.fault(), scan.pages().size());
        }
        return List.copyOf(scan.pages().keySet());
    }

    @Override
    public SourceFile read(String path) {
        WikiPage page;
        try {
            page = page(path);
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read the export: " + e.getMessage());
        }
        if (page == null) {
            return SourceFile.skipped(path, "no such page in the export");
        }
        return page.toSourceFile(path, chunker);
    }

    /** The latest revision of a page, by document path, or null when the export has none. */
    public synchronized WikiPage page(String path) throws IOException {
        return scan(false).pages().get(path);
    }

    @Override
    public String anchor(Passage passage) {
        return SectionAnchors.mediaWiki(passage);
    }

    @Override
    public synchronized String exclusionSummary() {
        if (scanned == null) {
            return "";
        }
        MediaWikiDump.Scan scan = scanned.scan();
        List<String> parts = new ArrayList<>();
        if (scan.redirects() > 0) {
            parts.add(scan.redirects() + " redirect" + (scan.redirects() == 1 ? "" : "s"));
        }
        int others = scan.otherNamespaces().values().stream().mapToInt(Integer::intValue).sum();
        if (others > 0) {
            List<String> byName = new ArrayList<>();
            for (Map.Entry<String, Integer> e : scan.otherNamespaces().entrySet()) {
                byName.add(e.getKey() + ": " + e.getValue());
            }
            parts.add(others + " in other namespaces (" + String.join(", ", byName) + ")");
        }
        if (scan.fault() != null) {
            parts.add("export damaged at " + scan.fault() + "; the pages after it were not read");
        }
        return String.join(", ", parts);
    }

    private MediaWikiDump.Scan scan(boolean fresh) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (fresh || scanned == null || !scanned.modified().equals(modified) || scanned.size() != size) {
            scanned = new Scanned(modified, size, MediaWikiDump.scan(file, namespaces, maxPageBytes));
        }
        return scanned.scan();
    }
}
