package org.labrador.ingest.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The files of a source folder that may be indexed and opened, shared by the folder sources (docs,
 * papers, DokuWiki pages) so that what is indexed and what {@code /files} opens follow one rule:
 * regular files inside the folder, read recursively; no hidden file or folder (a name starting with
 * a dot, such as {@code .env} or {@code .git}); no symbolic link whose target lies outside the
 * folder (a link to a file inside it is fine). Links to folders are not followed.
 */
public final class FolderFiles {

    private FolderFiles() {
    }

    /**
     * The folder as it really is on disk (links resolved), or as written when it does not exist yet.
     * Paths listed or resolved are inside it.
     */
    public static Path realRoot(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The files of the folder, as relative paths with {@code /} separators, sorted. */
    public static List<String> list(Path folder) throws IOException {
        Path root = realRoot(folder);
        if (!Files.isDirectory(root)) {
            throw new IOException("folder " + root + " does not exist or is not a folder");
        }
        List<String> out = new ArrayList<>();
        // Without FOLLOW_LINKS: a link is visited as itself, and a link to a folder is never entered.
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        return !dir.equals(root) && isHiddenName(dir) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (!isHiddenName(file) && (attributes.isRegularFile()
                                || attributes.isSymbolicLink() && linksToFileInside(root, file))) {
                            out.add(relative(root, file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw e;
                        }
                        return FileVisitResult.CONTINUE; // an unreadable entry is not a document
                    }
                });
        out.sort(null);
        return out;
    }

    /**
     * The file at a relative path of the folder, refusing ({@link IllegalArgumentException}) paths that
     * are absolute, climb out ({@code ..}), use backslashes or control characters, name a hidden file or
     * folder, or pass through a link leading out of the folder. The file need not exist.
     */
    public static Path resolve(Path folder, String relativePath) {
        if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.indexOf('\\') >= 0 || relativePath.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a path inside the folder: " + printable(relativePath));
        }
        if (isHidden(relativePath)) {
            throw new IllegalArgumentException("hidden files and folders are not read: " + printable(relativePath));
        }
        Path root = realRoot(folder);
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("path leaves the folder: " + printable(relativePath));
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (!file.toRealPath().startsWith(root)) {
                    throw new IllegalArgumentException("path links out of the folder: " + printable(relativePath));
                }
            } catch (IOException e) {
                // A dangling link: there is no file to read, which the reader reports.
            }
        }
        return file;
    }

    /** Whether a relative path names a hidden file or passes through a hidden folder (or is {@code .} or {@code ..}). */
    public static boolean isHidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean linksToFileInside(Path root, Path link) {
        try {
            Path target = link.toRealPath();
            return target.startsWith(root) && Files.isRegularFile(target);
        } catch (IOException e) {
            return false; // dangling or unreadable
        }
    }

    private static boolean isHiddenName(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String printable(String path) {
        return path == null ? "null" : path.replaceAll("\\p{Cntrl}", "?");
    }
}
