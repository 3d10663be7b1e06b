package org.labrador.ingest.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code docs}: a folder of Markdown, reStructuredText, HTML and plain-text
 * files, read recursively. Hidden files and folders (such as {@code .git}) and links leading out of
 * the folder are not read ({@link FolderFiles}).
 */
public final class DocsFolder implements DocumentSource {

    private final String name;
    private final Path root;
    private final long maxFileBytes;

    public DocsFolder(String name, Path root, long maxFileBytes) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("docs folder " + root + " does not exist or is not a folder");
        }
        return FolderFiles.list(root).stream().filter(DocumentChunker::supports).toList();
    }

    @Override
    public SourceFile read(String path) {
        Path file;
        try {
            file = resolve(path);
        } catch (IllegalArgumentException e) {
            return SourceFile.skipped(path, e.getMessage());
        }
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                return SourceFile.skipped(path, "file is " + size + " bytes, over the limit of " + maxFileBytes
                        + " (labrador.ingest.max-file-bytes)");
            }
            return SourceFile.decode(path, Files.readAllBytes(file));
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Resolves a document path, refusing paths that leave the folder (also through a link), hidden
     * files and files of a type this source does not index.
     */
    public Path resolve(String path) {
        if (!DocumentChunker.supports(path)) {
            throw new IllegalArgumentException("not a document type of a docs folder: " + path);
        }
        return FolderFiles.resolve(root, path);
    }
}
