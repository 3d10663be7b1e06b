package org.labrador.chatserver.ide;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one family of code models is asked to fill in the middle: its special tokens, their order,
 * how it is shown other files of the repository, and the tokens that end its answer.
 *
 * <p>With a {@code fileHeader} (Qwen2.5-Coder's {@code <|file_sep|>{path}}, StarCoder2's
 * {@code <file_sep>{path}}), context files come before the fill-in-the-middle part, each under its
 * header, as the family was trained on whole repositories. Without one, context goes at the top of
 * the prefix as comments, with each file's path.
 *
 * @param name        the format's name ({@code qwen})
 * @param models      regular expression found in a model name (case-insensitive) for this format
 * @param prefix      the token before the code above the cursor
 * @param suffix      the token before the code below the cursor
 * @param middle      the token after which the model writes; may be empty (Codestral)
 * @param suffixFirst true when the suffix part comes before the prefix part (Codestral)
 * @param repoHeader  what opens a repository, with {@code {repo}}; empty for none
 * @param fileHeader  what opens a file, with {@code {path}}; empty to give context as comments
 * @param stop        strings that end a completion
 */
public record FimFormat(String name, String models, String prefix, String suffix, String middle, boolean suffixFirst,
                        String repoHeader, String fileHeader, List<String> stop) {

    public FimFormat {
        Objects.requireNonNull(name, "name");
        if (prefix == null || prefix.isBlank() || suffix == null || suffix.isBlank()) {
            throw new IllegalArgumentException("fill-in-the-middle format " + name + " needs a prefix and a suffix token");
        }
        models = models == null ? "" : models;
        middle = middle == null ? "" : middle;
        repoHeader = repoHeader == null ? "" : repoHeader;
        fileHeader = fileHeader == null ? "" : fileHeader;
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Whether a model of this name uses this format. */
    public boolean fits(String model) {
        if (models.isBlank()) {
            return false;
        }
        String base = model.substring(model.lastIndexOf('/') + 1);
        return Pattern.compile(models, Pattern.CASE_INSENSITIVE).matcher(base).find();
    }

    /** The complete raw prompt: context files, then the code around the cursor in this format's order. */
    public String prompt(String repo, List<CodeSnippet> context, String path, String prefixText, String suffixText) {
        StringBuilder out = new StringBuilder();
        String commented = "";
        if (!fileHeader.isEmpty()) {
            out.append(fileContext(repo, context, path, true));
        } else {
            commented = commentContext(context, path);
        }
        String prefixPart = prefix + commented + prefixText;
        String suffixPart = suffix + suffixText;
        out.append(suffixFirst ? suffixPart + prefixPart : prefixPart + suffixPart).append(middle);
        return out.toString();
    }

    /** The code around the cursor in a raw prompt already written in this format, if it is. */
    public Optional<Cursor> cursorIn(String raw) {
        String p = prefix.strip();
        String s = suffix.strip();
        int at = raw.indexOf(p);
        int suffixAt = raw.indexOf(s);
        if (at < 0 || suffixAt < 0) {
            return Optional.empty();
        }
        int middleAt = middle.isBlank() ? -1 : raw.indexOf(middle.strip(), Math.max(at, suffixAt));
        String prefixText;
        String suffixText;
        if (suffixFirst) {
            suffixText = raw.substring(suffixAt + s.length(), Math.max(suffixAt + s.length(), at));
            prefixText = raw.substring(at + p.length(), middleAt < 0 ? raw.length() : middleAt);
        } else {
            prefixText = raw.substring(at + p.length(), Math.max(at + p.length(), suffixAt));
            suffixText = raw.substring(suffixAt + s.length(), middleAt < 0 ? raw.length() : middleAt);
        }
        String path = pathIn(raw.substring(0, at));
        int firstLine = prefixText.indexOf('\n');
        if (path.isEmpty() && firstLine > 0) {
            // Continue's multi-file Codestral template puts "+++++ path" just after [PREFIX]
            path = pathIn(prefixText.substring(0, firstLine));
        }
        return Optional.of(new Cursor(prefixText, suffixText, path));
    }

    /**
     * A raw prompt in this format with the context put in: before the file header that opens the
     * prefix (or before the prefix token), or as comments at the top of the prefix.
     */
    public String splice(String raw, String repo, List<CodeSnippet> context, String path) {
        if (context.isEmpty()) {
            return raw;
        }
        String p = prefix.strip();
        int at = raw.indexOf(p);
        if (fileHeader.isEmpty()) {
            int after = at + p.length();
            // CodeLlama's token is followed by a space that belongs to the format, not to the code
            if (prefix.endsWith(" ") && raw.startsWith(" ", after)) {
                after++;
            }
            return raw.substring(0, after) + commentContext(context, path) + raw.substring(after);
        }
        String headerToken = fileHeader.substring(0, fileHeader.indexOf("{path}"));
        int header = raw.lastIndexOf(headerToken, at);
        boolean openedByHeader = header >= 0 && raw.substring(header, at).indexOf('\n') >= raw.substring(header, at).length() - 1;
        int insertAt = openedByHeader ? header : at;
        String repoToken = repoHeader.isEmpty() ? "" : repoHeader.substring(0, repoHeader.indexOf("{repo}"));
        boolean hasRepo = !repoToken.isEmpty() && raw.contains(repoToken);
        String files = fileContext(hasRepo ? null : repo, context, path, !openedByHeader);
        return raw.substring(0, insertAt) + files + raw.substring(insertAt);
    }

    /** Ollama's template for this format, with {@code .Suffix}, as plugins read it from {@code /api/show}. */
    public String ollamaTemplate() {
        String prefixPart = prefix + "{{ .Prompt }}";
        String suffixPart = suffix + "{{ .Suffix }}";
        return "{{- if .Suffix }}" + (suffixFirst ? suffixPart + prefixPart : prefixPart + suffixPart) + middle
                + "{{- else }}{{ .Prompt }}{{- end }}";
    }

    /** What a raw prompt holds around the cursor; {@code path} is "" when the prompt does not say. */
    public record Cursor(String prefix, String suffix, String path) {
    }

    private String fileContext(String repo, List<CodeSnippet> context, String path, boolean withCurrentFile) {
        StringBuilder out = new StringBuilder();
        if (!repoHeader.isEmpty() && repo != null && !repo.isBlank() && !context.isEmpty()) {
            out.append(repoHeader.replace("{repo}", repo));
        }
        for (CodeSnippet snippet : context) {
            out.append(fileHeader.replace("{path}", snippet.path())).append(snippet.text().strip()).append('\n');
        }
        if (withCurrentFile && (!context.isEmpty() || !path.isBlank())) {
            out.append(fileHeader.replace("{path}", path.isBlank() ? "untitled" : path));
        }
        return out.toString();
    }

    private static String commentContext(List<CodeSnippet> context, String path) {
        if (context.isEmpty()) {
            return "";
        }
        // Without the edited file's name, the context's own files tell the language best.
        String mark = commentMark(path.isBlank() ? context.getFirst().path() : path);
        StringBuilder out = new StringBuilder();
        for (CodeSnippet snippet : context) {
            out.append(mark).append(" Path: ").append(snippet.path()).append('\n');
            for (String line : snippet.text().strip().split("\n")) {
                out.append(mark).append(' ').append(line).append('\n');
            }
            out.append(mark).append('\n');
        }
        if (!path.isBlank()) {
            out.append(mark).append(" Path: ").append(path).append('\n');
        }
        return out.toString();
    }

    /** The line comment of the file's language, by extension; {@code //} when unknown. */
    static String commentMark(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "py", "pyx", "sh", "bash", "r", "rb", "pl", "yaml", "yml", "toml", "cmake", "jl", "nix", "mk" -> "#";
            case "sql", "lua", "hs", "ada" -> "--";
            case "tex", "m", "erl" -> "%";
            case "f", "f90", "f95", "f03" -> "!";
            case "lisp", "el", "clj", "scm" -> ";;";
            case "vim" -> "\"";
            default -> "//";
        };
    }

    /** The file a raw prompt names just before its prefix: a file header, or Codestral's {@code +++++ path}. */
    private String pathIn(String beforePrefix) {
        String token = fileHeader.isEmpty() ? "" : fileHeader.substring(0, fileHeader.indexOf("{path}"));
        List<String> marks = token.isEmpty() ? List.of("+++++ ") : List.of(token, "+++++ ");
        String found = "";
        int best = -1;
        for (String mark : marks) {
            int at = beforePrefix.lastIndexOf(mark);
            if (at > best) {
                int end = at + mark.length();
                while (end < beforePrefix.length() && !Character.isWhitespace(beforePrefix.charAt(end))
                        && beforePrefix.charAt(end) != '<') {
                    end++;
                }
                if (end > at + mark.length()) {
                    best = at;
                    found = beforePrefix.substring(at + mark.length(), end);
                }
            }
        }
        return found;
    }
}
