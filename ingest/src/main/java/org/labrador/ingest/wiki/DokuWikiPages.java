package org.labrador.ingest.wiki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code dokuwiki}: a DokuWiki {@code data/pages} folder, read recursively.
 *
 * <p>Each {@code .txt} file is one page, whose document path is its DokuWiki page id: folders are
 * namespaces, so {@code ns/sub/page.txt} is {@code ns:sub:page} (a link template such as
 * {@code https://wiki.example.org/doku.php?id={path}#{anchor}} opens it). The markup is read as
 * Markdown ({@link DokuWikiSyntax}) and cut by the {@link DocumentChunker}; the title is the
 * page's top-level heading, else its name. A page's modified time is its file's. {@link #anchor}
 * gives DokuWiki's section id for the passage's innermost heading. Hidden files and folders are
 * not read.
 */
public final class DokuWikiPages implements DocumentSource {

    private final String name;
    private final Path root;
    private final long maxFileBytes;
    private final DocumentChunker chunker;

    /**
     * @param name         the source's name
     * @param pagesFolder  the wiki's {@code data/pages} folder
     * @param maxFileBytes pages larger than this are skipped
     * @param chunker      cuts each page into passages
     */
    public DokuWikiPages(String name, Path pagesFolder, long maxFileBytes, DocumentChunker chunker) {
        this.name = name;
        this.root = pagesFolder.toAbsolutePath().normalize();
        this.maxFileBytes = maxFileBytes;
        this.chunker = chunker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("DokuWiki pages folder " + root + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> rel.endsWith(".txt") && !isHidden(rel))
                    .map(DokuWikiPages::pageId)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public SourceFile read(String pageId) {
        Path file;
        try {
            file = resolve(pageId);
        } catch (IllegalArgumentException e) {
            return SourceFile.skipped(pageId, e.getMessage());
        }
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                return SourceFile.skipped(pageId, "page is " + size + " bytes, over the limit of " + maxFileBytes);
            }
            SourceFile decoded = SourceFile.decode(pageId, Files.readAllBytes(file));
            if (decoded.isSkipped()) {
                return decoded;
            }
            String modified = Files.getLastModifiedTime(file).toInstant().toString();
            String pageName = pageId.substring(pageId.lastIndexOf(':') + 1);
            ChunkedDocument cut = chunker.chunk(pageName + ".md", DokuWikiSyntax.toMarkdown(decoded.text()));
            return SourceFile.chunked(pageId, decoded.text(), cut, modified);
        } catch (IOException e) {
            return SourceFile.skipped(pageId, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public String anchor(Passage passage) {
        return SectionAnchors.dokuWiki(passage);
    }

    /** The file of a page id, refusing ids that leave the folder. */
    public Path resolve(String pageId) {
        Path file = root.resolve(pageId.replace(':', '/') + ".txt").normalize();
        if (!file.startsWith(root) || pageId.contains("/") || pageId.contains("\\")) {
            throw new IllegalArgumentException("not a page id of this wiki: " + pageId);
        }
        return file;
    }

    static String pageId(String relativePath) {
        return relativePath.substring(0, relativePath.length() - ".txt".length()).replace('/', ':');
    }

    private static boolean isHidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
