package org.labrador.ingest.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The rules that decide which files of a repository are indexed: source code, documentation,
 * notebooks and configuration, minus what the source excludes by pattern, third-party and
 * generated trees, binaries and files over the size limit. The rules look at path, size and
 * .gitattributes marks only, never at content, so listing a large repository stays cheap; content
 * checks (NUL bytes, UTF-8) happen when a file is read. Immutable.
 */
public final class IndexableFiles {

    /** Extensions of files worth indexing, lower case, without the dot. */
    static final Set<String> INDEXED_EXTENSIONS = Set.of(
            // source code
            "py", "pyx", "pxd", "pyi", "c", "h", "cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx", "h++", "icc", "ipp",
            "tpp", "inl", "cu", "cuh", "cl", "f", "for", "f77", "f90", "f95", "f03", "f08", "jl", "r", "m", "java",
            "kt", "kts", "scala", "groovy", "go", "rs", "js", "mjs", "cjs", "ts", "jsx", "tsx", "sh", "bash", "zsh",
            "csh", "tcsh", "pl", "pm", "rb", "lua", "sql", "cmake", "mk", "swift", "cs", "hs", "ml", "awk", "tcl",
            // documentation
            "md", "markdown", "rst", "txt", "html", "htm", "tex", "bib", "adoc",
            // notebooks
            "ipynb",
            // configuration
            "yaml", "yml", "toml", "ini", "cfg", "conf", "json");

    /** Files without an indexed extension that are still worth indexing, by exact name. */
    static final Set<String> INDEXED_NAMES = Set.of(
            "Makefile", "GNUmakefile", "makefile", "Dockerfile", "Containerfile", "CMakeLists.txt", "Jenkinsfile",
            "Snakefile", "Vagrantfile", "Rakefile", "Gemfile", "README", "Doxyfile");

    /** Extensions that mark a file as binary without reading it. */
    static final Set<String> BINARY_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "ico", "webp", "eps", "pdf", "ps", "svgz", "root",
            "h5", "hdf5", "npy", "npz", "pkl", "pickle", "parquet", "feather", "zip", "gz", "tgz", "bz2", "xz",
            "zst", "7z", "tar", "jar", "war", "class", "o", "obj", "a", "so", "dylib", "dll", "exe", "bin", "pyc",
            "pyo", "pcm", "woff", "woff2", "ttf", "otf", "mp3", "mp4", "mov", "avi", "wav", "onnx", "pt", "pth");

    /** Folders holding third-party, generated or build output, skipped whole wherever they appear. */
    static final Set<String> VENDORED_FOLDERS = Set.of(
            "node_modules", "vendor", "third_party", "build", "dist", ".git", "__pycache__");

    private final List<FastIgnoreRule> excludes;
    private final long maxFileBytes;

    /**
     * @param excludes     gitignore-style patterns; a later {@code !pattern} re-includes, as in .gitignore
     * @param maxFileBytes files larger than this are skipped
     */
    public IndexableFiles(List<String> excludes, long maxFileBytes) {
        List<FastIgnoreRule> rules = new ArrayList<>();
        for (String pattern : excludes) {
            FastIgnoreRule rule = new FastIgnoreRule(pattern.strip());
            if (!rule.isEmpty()) {
                rules.add(rule);
            }
        }
        this.excludes = List.copyOf(rules);
        this.maxFileBytes = maxFileBytes;
    }

    /** Why a whole folder is skipped without looking inside, or empty if its files are looked at. */
    public Optional<Exclusion> skipFolder(String folderPath) {
        String shown = folderPath + "/";
        Optional<String> pattern = excludingPattern(folderPath, true);
        if (pattern.isPresent()) {
            return Optional.of(new Exclusion(shown, SkipKind.EXCLUDED_BY_PATTERN,
                    "folder excluded by pattern '" + pattern.get() + "'"));
        }
        String name = folderPath.substring(folderPath.lastIndexOf('/') + 1);
        if (VENDORED_FOLDERS.contains(name)) {
            return Optional.of(new Exclusion(shown, SkipKind.VENDORED_OR_GENERATED,
                    "vendored or generated folder (" + name + "/)"));
        }
        return Optional.empty();
    }

    /**
     * Why a file is skipped, or empty if it is indexed. Rules apply in this order: exclude patterns,
     * vendored/generated, binary type, other type, size.
     *
     * @param path   path in the repository, with forward slashes
     * @param size   blob size in bytes
     * @param marked the file is marked linguist-generated or linguist-vendored in .gitattributes
     */
    public Optional<Exclusion> skipFile(String path, long size, boolean marked) {
        Optional<String> pattern = excludingPattern(path, false);
        if (pattern.isPresent()) {
            return skip(path, SkipKind.EXCLUDED_BY_PATTERN, "excluded by pattern '" + pattern.get() + "'");
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".min.js") || lower.endsWith(".min.css")) {
            return skip(path, SkipKind.VENDORED_OR_GENERATED, "minified code");
        }
        if (marked) {
            return skip(path, SkipKind.VENDORED_OR_GENERATED,
                    "marked linguist-generated or linguist-vendored in .gitattributes");
        }
        String extension = extension(lower);
        if (BINARY_EXTENSIONS.contains(extension)) {
            return skip(path, SkipKind.BINARY, "binary file type (." + extension + ")");
        }
        if (!hasIndexedType(path)) {
            return skip(path, SkipKind.OTHER_TYPE, extension.isEmpty()
                    ? "file type not indexed (no extension)" : "file type not indexed (." + extension + ")");
        }
        if (size > maxFileBytes) {
            return skip(path, SkipKind.OVERSIZED, "file is " + size + " bytes, over the limit of " + maxFileBytes);
        }
        return Optional.empty();
    }

    /** Whether a path names a kind of file that is indexed: a known extension or a well-known name. */
    public static boolean hasIndexedType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return INDEXED_NAMES.contains(name) || INDEXED_EXTENSIONS.contains(extension(name.toLowerCase(Locale.ROOT)));
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** The pattern that decides the path is excluded; as in .gitignore, the last matching pattern wins. */
    private Optional<String> excludingPattern(String path, boolean folder) {
        FastIgnoreRule decisive = null;
        for (FastIgnoreRule rule : excludes) {
            if (rule.isMatch(path, folder)) {
                decisive = rule;
            }
        }
        return decisive != null && decisive.getResult() ? Optional.of(decisive.toString()) : Optional.empty();
    }

    private static String extension(String lowerName) {
        int dot = lowerName.lastIndexOf('.');
        return dot <= 0 ? "" : lowerName.substring(dot + 1);
    }

    private static Optional<Exclusion> skip(String path, SkipKind kind, String reason) {
        return Optional.of(new Exclusion(path, kind, reason));
    }
}
