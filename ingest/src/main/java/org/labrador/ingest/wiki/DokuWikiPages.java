package org.labrador.ingest.wiki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.FolderSource;
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
public final class DokuWikiPages extends FolderSource {

    private final DocumentChunker chunker;

    /**
     * @param name         the source's name
     * @param pagesFolder  the wiki's {@code data/pages} folder
     * @param maxFileBytes pages larger than this are skipped
     * @param chunker      cuts each page into passages
     */
    public DokuWikiPages(String name, Path pagesFolder, long maxFileBytes, DocumentChunker chunker) {
        super(name, pagesFolder, maxFileBytes);
        this.chunker = chunker;
    }

    /** A page is its file's wiki text, read from the folder. */
    @Override
    public boolean opensInViewer() {
        return true;
    }

    @Override
    protected String folderDescription() {
        return "DokuWiki pages folder";
    }

    @Override
    protected boolean isDocumentFile(String relativeFile) {
        return relativeFile.endsWith(".txt");
    }

    @Override
    protected String documentPath(String relativeFile) {
        return pageId(relativeFile);
    }

    /** A page id's file: namespaces are folders. Ids with slashes are refused, as they could name any file. */
    @Override
    protected String relativeFile(String pageId) {
        if (pageId.isEmpty() || pageId.contains("/") || pageId.contains("\\")) {
            throw new IllegalArgumentException("not a page id of this wiki: " + pageId.replaceAll("\\p{Cntrl}", "?"));
        }
        return pageId.replace(':', '/') + ".txt";
    }

    @Override
    protected SourceFile read(String pageId, Path file) throws IOException {
        SourceFile decoded = SourceFile.decode(pageId, Files.readAllBytes(file));
        if (decoded.isSkipped()) {
            return decoded;
        }
        String modified = Files.getLastModifiedTime(file).toInstant().toString();
        String pageName = pageId.substring(pageId.lastIndexOf(':') + 1);
        ChunkedDocument cut = chunker.chunk(pageName + ".md", DokuWikiSyntax.toMarkdown(decoded.text()));
        return SourceFile.chunked(pageId, decoded.text(), cut, modified);
    }

    @Override
    public String anchor(Passage passage) {
        return SectionAnchors.dokuWiki(passage);
    }

    /** The file of a page id, refusing ids that leave the folder (also through a link) or name hidden files. */
    public Path resolve(String pageId) {
        return documentFile(pageId);
    }

    static String pageId(String relativePath) {
        return relativePath.substring(0, relativePath.length() - ".txt".length()).replace('/', ':');
    }
}
