package org.labrador.ingest.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared walk of the folder sources (docs, papers, DokuWiki pages): the documents are the files
 * of one folder on this server that a subclass accepts, listed and opened by the rule of
 * {@link FolderFiles} (no hidden files, no links out of the folder), each read after a size check.
 * A document's path is its file's relative path unless a subclass names it otherwise (a DokuWiki
 * page id). Readers may open a document's file as it is ({@link #documentFile}), through
 * Labrador's {@code /files}.
 */
public abstract class FolderSource implements DocumentSource {

    private final String name;
    private final Path root;
    private final long maxFileBytes;

    /**
     * @param name         the source's name
     * @param folder       the folder read
     * @param maxFileBytes files larger than this are skipped with the reason
     */
    protected FolderSource(String name, Path folder, long maxFileBytes) {
        this.name = name;
        this.root = folder.toAbsolutePath().normalize();
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public String name() {
        return name;
    }

    /** The folder, absolute. */
    public Path root() {
        return root;
    }

    /** What the folder is, for messages: "docs folder". */
    protected abstract String folderDescription();

    /** Whether a file of the folder (relative path, {@code /} separators) is a document of this source. */
    protected abstract boolean isDocumentFile(String relativeFile);

    /**
     * Reads one document from its file, which exists and is within the size limit.
     *
     * @throws IOException when the file cannot be read; the document is skipped with the message
     */
    protected abstract SourceFile read(String document, Path file) throws IOException;

    /** The document path of a file; the file's relative path unless overridden. */
    protected String documentPath(String relativeFile) {
        return relativeFile;
    }

    /**
     * The relative file of a document path; the inverse of {@link #documentPath}.
     *
     * @throws IllegalArgumentException when the path cannot be a document of this source
     */
    protected String relativeFile(String document) {
        return document;
    }

    /**
     * Every file of the folder by the rule of {@link FolderFiles}, relative, sorted.
     *
     * @throws IOException when the folder does not exist, saying so
     */
    protected final List<String> files() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(folderDescription() + " " + root + " does not exist or is not a folder");
        }
        return FolderFiles.list(root);
    }

    @Override
    public List<String> list() throws IOException {
        return files().stream().filter(this::isDocumentFile).map(this::documentPath).sorted().toList();
    }

    @Override
    public SourceFile read(String document) {
        Path file;
        try {
            file = documentFile(document);
        } catch (IllegalArgumentException e) {
            return SourceFile.skipped(document, e.getMessage());
        }
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                return SourceFile.skipped(document, "file is " + size + " bytes, over the limit of " + maxFileBytes
                        + " (labrador.ingest.max-file-bytes)");
            }
            return read(document, file);
        } catch (IOException e) {
            return SourceFile.skipped(document, "cannot read: " + e.getMessage());
        }
    }

    /**
     * The file of a document, refusing ({@link IllegalArgumentException}) paths that leave the folder
     * (also through a link), hidden files, and files that are not documents of this source. The
     * file need not exist.
     */
    public Path documentFile(String document) {
        String relative = relativeFile(document);
        if (!isDocumentFile(relative)) {
            throw new IllegalArgumentException("not a document of this " + folderDescription() + ": "
                    + document.replaceAll("\\p{Cntrl}", "?"));
        }
        return FolderFiles.resolve(root, relative);
    }

    /** Any file of the folder by the rule of {@link FolderFiles}, document or not. */
    protected final Path anyFile(String relativeFile) {
        return FolderFiles.resolve(root, relativeFile);
    }
}
