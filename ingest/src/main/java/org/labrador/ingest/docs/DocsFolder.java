package org.labrador.ingest.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.FolderSource;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code docs}: a folder of Markdown, reStructuredText, HTML and plain-text
 * files, read recursively. Hidden files and folders (such as {@code .git}) and links leading out of
 * the folder are not read ({@link FolderFiles}).
 */
public final class DocsFolder extends FolderSource {

    public DocsFolder(String name, Path root, long maxFileBytes) {
        super(name, root, maxFileBytes);
    }

    /** A document is a text file of the folder, shown as it is. */
    @Override
    public boolean opensInViewer() {
        return true;
    }

    @Override
    protected String folderDescription() {
        return "docs folder";
    }

    @Override
    protected boolean isDocumentFile(String relativeFile) {
        return DocumentChunker.supports(relativeFile);
    }

    @Override
    protected SourceFile read(String document, Path file) throws IOException {
        return SourceFile.decode(document, Files.readAllBytes(file));
    }

    /**
     * Resolves a document path, refusing paths that leave the folder (also through a link), hidden
     * files and files of a type this source does not index.
     */
    public Path resolve(String path) {
        return documentFile(path);
    }
}
