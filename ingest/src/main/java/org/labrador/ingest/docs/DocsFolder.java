package org.labrador.ingest.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code docs}: a folder of Markdown, reStructuredText, HTML and plain-text
 * files, read recursively. Hidden files and folders (such as {@code .git}) are not read.
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
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> !isHidden(rel))
                    .filter(DocumentChunker::supports)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public SourceFile read(String path) {
        Path file = resolve(path);
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

    /** Resolves a document path, refusing paths that leave the folder. */
    public Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("path leaves the source folder: " + path);
        }
        return file;
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
