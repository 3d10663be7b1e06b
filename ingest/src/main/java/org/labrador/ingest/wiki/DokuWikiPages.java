package org.labrador.ingest.wiki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code dokuwiki}: a DokuWiki {@code data/pages} folder, read recursively.
 *
 * <p>Each {@code .txt} file is one page, whose document path is its DokuWiki page id: folders are
 * namespaces, so {@code ns/sub/page.txt} is {@code ns:sub:page} (a link template such as
 * {@code https://wiki.example.org/doku.php?id={path}#{anchor}} opens it). The markup is read as
 * Markdown ({@link DokuWikiSyntax}) and cut by the {@link DocumentChunker}; the title is the
 * page's top-level heading, else its name. A page's modified time is its file's. {@link #anchor}
 * gives DokuWiki's section id for the passage's innermost heading. Hidden files and folders, and
 * links leading out of the folder, are not read ({@link FolderFiles}).
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
        return FolderFiles.list(root).stream()
                .filter(rel -> rel.endsWith(".txt"))
                .map(DokuWikiPages::pageId)
                .sorted()
                .toList();
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

    /** The file of a page id, refusing ids that leave the folder (also through a link) or name hidden files. */
    public Path resolve(String pageId) {
        if (pageId.isEmpty() || pageId.contains("/") || pageId.contains("\\")) {
            throw new IllegalArgumentException("not a page id of this wiki: " + pageId);
        }
        return FolderFiles.resolve(root, pageId.replace(':', '/') + ".txt");
    }

    static String pageId(String relativePath) {
        return relativePath.substring(0, relativePath.length() - ".txt".length()).replace('/', ':');
    }
}
