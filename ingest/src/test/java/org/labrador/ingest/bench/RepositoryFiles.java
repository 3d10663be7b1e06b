package org.labrador.ingest.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Text files of this repository, as real input for the chunking benchmarks: the repository is
 * found by walking up from the working directory (the module folder under Maven) to the folder
 * holding {@code mvnw}. Build output ({@code target}), {@code node_modules} and hidden folders
 * are not searched.
 */
final class RepositoryFiles {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");

    /** One file: its path relative to the repository, with forward slashes, its text and its size. */
    record TextFile(String path, String content, long bytes) {
    }

    private RepositoryFiles() {
    }

    /** The files whose repository-relative path matches {@code glob}, in path order. */
    static List<TextFile> matching(String glob) throws IOException {
        Path root = root();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<TextFile> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = root.relativize(file);
                if (attributes.isRegularFile() && matcher.matches(relative)) {
                    String path = relative.toString().replace('\\', '/');
                    files.add(new TextFile(path, Files.readString(file), attributes.size()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(TextFile::path));
        return files;
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository (a folder with mvnw) above " + Path.of("").toAbsolutePath());
    }
}
