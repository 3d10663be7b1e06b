package org.labrador.ingest.code;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a source file into passages along its structure, for code search and citation.
 *
 * <p>Each function, method or class becomes one passage, with its decorators or annotations,
 * leading doc comment and signature (a Python docstring is inside it). A definition larger than
 * twice {@code targetTokens} is opened up: the methods of a class become passages of their own and
 * the class passage keeps its header, docstring and class-level statements; a large function is
 * cut between top-level statements of its body, preferably at blank lines, never inside a line.
 * Code between definitions (imports, constants, a {@code __main__} block) is packed into passages
 * up to the target. Small definitions are not merged, so each keeps its exact name and lines.
 * Config files are cut at their top-level keys or sections, small neighbours packed together;
 * notebooks by cell (see {@link ChunkedCode}); anything else into windows of lines at blank lines.
 *
 * <p>Every passage's {@link org.labrador.ingest.chunking.Passage#headings() headings} are the
 * enclosing names, module (file name without extension) first: {@code ["peak_basics",
 * "PeakBasics", "compute"]}; namespaces and classes for C++, the receiver type for Go methods,
 * section paths for config. Except in notebooks, the passage text is exactly its source lines.
 * Token counts are approximate. Never throws on malformed code: what cannot be read as structure
 * is cut as plain lines. Instances are immutable and safe to share between threads.
 */
public final class CodeChunker {

    private static final Logger log = LoggerFactory.getLogger(CodeChunker.class);

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("py", "python"), Map.entry("pyw", "python"), Map.entry("pyi", "python"),
            Map.entry("c", "c"),
            Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("cxx", "cpp"), Map.entry("c++", "cpp"),
            Map.entry("h", "cpp"), Map.entry("hh", "cpp"), Map.entry("hpp", "cpp"), Map.entry("hxx", "cpp"),
            Map.entry("h++", "cpp"), Map.entry("ipp", "cpp"), Map.entry("tpp", "cpp"), Map.entry("icc", "cpp"),
            Map.entry("cu", "cpp"), Map.entry("cuh", "cpp"),
            Map.entry("java", "java"), Map.entry("go", "go"),
            Map.entry("js", "javascript"), Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
            Map.entry("jsx", "javascript"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("mts", "typescript"),
            Map.entry("cts", "typescript"),
            Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("zsh", "shell"), Map.entry("ksh", "shell"),
            Map.entry("ipynb", "notebook"),
            Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"), Map.entry("toml", "toml"),
            Map.entry("ini", "ini"), Map.entry("cfg", "ini"), Map.entry("json", "json"));

    private final int targetTokens;

    /**
     * @param targetTokens the size passages are packed to, in approximate tokens (the app uses
     *     350); a definition is kept whole up to twice this
     */
    public CodeChunker(int targetTokens) {
        if (targetTokens < 1) {
            throw new IllegalArgumentException("need targetTokens >= 1, got " + targetTokens);
        }
        this.targetTokens = targetTokens;
    }

    /**
     * The language of a file from its extension: {@code python, c, cpp, java, go, javascript,
     * typescript, shell, notebook, yaml, toml, ini, json}; empty for anything else. Extensions are
     * case-insensitive except ROOT's {@code .C} macros, which are C++; {@code .h} is read as C++,
     * which also covers C headers.
     */
    public static Optional<String> language(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1);
        if (extension.equals("C")) {
            return Optional.of("cpp");
        }
        return Optional.ofNullable(LANGUAGES.get(extension.toLowerCase(Locale.ROOT)));
    }

    /**
     * Cuts one file into passages.
     *
     * @param path the file's path with forward slashes; its extension picks the language and its
     *     file name is the title
     * @param content the file text
     */
    public ChunkedCode chunk(String path, String content) {
        String title = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = title.lastIndexOf('.');
        String module = dot > 0 ? title.substring(0, dot) : title;
        String language = language(path).orElse("text");
        String text = content == null ? "" : content;
        if (language.equals("notebook")) {
            try {
                return new ChunkedCode(title, language, NotebookCells.read(text, module, targetTokens));
            } catch (RuntimeException e) {
                log.warn("Could not read the notebook {}; skipping it", path, e);
                return new ChunkedCode(title, language, List.of());
            }
        }
        CodeLines lines = new CodeLines(text);
        Outline outline;
        try {
            outline = outline(lines, language, 2 * targetTokens);
        } catch (RuntimeException | StackOverflowError e) {
            // Structure we cannot read is still worth indexing as plain lines.
            log.warn("Could not read the structure of {}; chunking it as plain lines", path, e);
            outline = Outline.flat(lines);
        }
        return new ChunkedCode(title, language, new OutlinePacker(lines, outline, language, targetTokens).pack(module));
    }

    /** @param wholeTokens the size up to which a definition is kept whole, see {@link OutlinePacker} */
    private static Outline outline(CodeLines lines, String language, int wholeTokens) {
        return switch (language) {
            case "python" -> PythonSyntaxTree.read(lines).orElseGet(() -> PythonDefinitions.read(lines));
            case "c", "cpp" -> CppSyntaxTree.read(lines, wholeTokens).orElseGet(() -> BraceDefinitions.read(lines, language));
            case "go" -> GoSyntaxTree.read(lines, wholeTokens).orElseGet(() -> BraceDefinitions.read(lines, language));
            case "java" -> JavaSyntaxTree.read(lines, wholeTokens).orElseGet(() -> BraceDefinitions.read(lines, language));
            case "javascript", "typescript" -> ScriptSyntaxTree.read(lines, language, wholeTokens)
                    .orElseGet(() -> BraceDefinitions.read(lines, language));
            case "shell" -> BraceDefinitions.read(lines, language);
            case "yaml", "toml", "ini", "json" -> ConfigSections.read(lines, language);
            default -> Outline.flat(lines);
        };
    }
}
