package org.labrador.chatserver.ide;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ChatModel;
import org.labrador.models.ModelListing;
import org.labrador.retrieval.ReadAccess;
import org.springframework.stereotype.Service;

/**
 * The models Labrador offers to IDE plugins, under their family names so that a plugin picks the
 * right template: the upstream Ollama server's models, and for each source the caller may read the
 * chat model again as {@code <chat model>@<source>}, which answers from that source only. When Ollama
 * does not answer, the configured chat and completion models are listed all the same (with
 * placeholder sizes and digests), so that plugins can be set up before the model server runs.
 */
@Service
public class ModelCatalog {

    /** Separates a model name from the source a chat should answer from: {@code qwen2.5:3b@straxen}. */
    public static final char SOURCE_MARK = '@';
    /** Reported when the upstream server does not say; recent enough for every plugin's version checks. */
    static final String FALLBACK_VERSION = "0.12.6";
    // Continue reads /api/show's parameters line by line with this shape and gives up on a line without it.
    private static final Pattern PARAMETER_LINE = Pattern.compile("^(\\S+)\\s+((?:\".*\")|\\S+)$");
    private static final String STARTED = Instant.now().toString();

    private final ModelListing upstream;
    private final ChatModel chat;
    private final FimFormats formats;
    private final IdeProperties properties;
    private final LabradorProperties labrador;
    private final SourceCatalog sources;
    private volatile Cached cached;

    private record Cached(List<InstalledModel> models, boolean reachable, long at) {}

    public ModelCatalog(ModelListing upstream, ChatModel chat, FimFormats formats, IdeProperties properties,
                        LabradorProperties labrador, SourceCatalog sources) {
        this.upstream = upstream;
        this.chat = chat;
        this.formats = formats;
        this.properties = properties;
        this.labrador = labrador;
        this.sources = sources;
    }

    /** The chat model's name: {@code labrador.ollama.model}, or the embedded engine's model. */
    public String chatModel() {
        return chat.name();
    }

    /**
     * The model for completions when a request names none: {@code labrador.ide.completion-model}, or
     * with the embedded engine its model, which serves chat and completion alike.
     */
    public String completionModel() {
        return embedded() ? chat.name() : properties.completionModel();
    }

    /** The models to list for a caller, each with every field of Ollama's {@code /api/tags} entries. */
    public List<InstalledModel> models(ReadAccess access) {
        Cached c = upstreamModels();
        List<InstalledModel> out = new ArrayList<>(c.models());
        if (!c.reachable()) {
            for (String name : new LinkedHashSet<>(List.of(chatModel(), completionModel()))) {
                out.add(placeholder(name));
            }
        }
        InstalledModel chatEntry = out.stream().filter(m -> sameModel(m.name(), chatModel())).findFirst()
                .orElse(placeholder(chatModel()));
        for (String source : sources.readableNames(access)) {
            String alias = chatEntry.name() + SOURCE_MARK + source;
            out.add(new InstalledModel(alias, alias, chatEntry.modifiedAt(), chatEntry.size(), chatEntry.digest(),
                    chatEntry.details()));
        }
        return out;
    }

    /**
     * What Ollama's {@code /api/show} says of a model, completed so that plugins decide right:
     * a template with {@code .Suffix} and the {@code insert} capability for a model Labrador can
     * fill in the middle with, parameters every line of which plugins can parse, the context length
     * under {@code model_info}, and the {@code details}.
     *
     * @throws IdeException 404 for a model the server does not have, 502 when it does not answer
     */
    public Map<String, Object> show(String name) {
        String base = baseModel(name);
        Optional<Map<String, Object>> found;
        try {
            found = upstream.show(base);
        } catch (ModelUnavailableException e) {
            if (!isConfigured(base)) {
                throw new IdeException(502, e.getMessage());
            }
            found = Optional.of(Map.of());
        }
        Map<String, Object> show = new LinkedHashMap<>(found.orElseThrow(
                () -> new IdeException(404, "model '" + base + "' not found")));
        Optional<FimFormat> fim = formats.forModel(base);
        InstalledModel entry = upstreamModels().models().stream().filter(m -> sameModel(m.name(), base)).findFirst()
                .orElse(placeholder(base));

        show.putIfAbsent("license", "");
        show.putIfAbsent("modelfile", "");
        String template = show.get("template") instanceof String t ? t : "";
        if (fim.isPresent() && !template.contains(".Suffix")) {
            template = fim.get().ollamaTemplate();
        }
        show.put("template", template);
        show.put("parameters", parameters(show.get("parameters"), fim));
        if (!(show.get("details") instanceof Map<?, ?>)) {
            show.put("details", details(entry.details()));
        }
        Map<String, Object> info = new LinkedHashMap<>(show.get("model_info") instanceof Map<?, ?> m ? castMap(m) : Map.of());
        String architecture = info.get("general.architecture") instanceof String a && !a.isBlank() ? a
                : entry.details().family().isBlank() ? "llama" : entry.details().family();
        info.putIfAbsent("general.architecture", architecture);
        info.putIfAbsent(architecture + ".context_length", 4096);
        show.put("model_info", info);
        Set<String> capabilities = new LinkedHashSet<>();
        if (show.get("capabilities") instanceof List<?> list) {
            list.forEach(c -> capabilities.add(String.valueOf(c)));
        }
        capabilities.add("completion");
        fim.ifPresent(f -> capabilities.add("insert"));
        show.put("capabilities", new ArrayList<>(capabilities));
        show.putIfAbsent("modified_at", entry.modifiedAt());
        return show;
    }

    /**
     * Checks that the upstream server has a model before a completion starts streaming, so that a
     * missing model is a 404 as with Ollama, not an error in the middle of a stream.
     *
     * @throws IdeException 404 when the server lacks the model, 502 when it does not answer
     */
    public void require(String model) {
        Cached c = upstreamModels();
        if (c.reachable() && c.models().stream().anyMatch(m -> sameModel(m.name(), model))) {
            return;
        }
        cached = null; // pulled a moment ago, or the server just came up: ask again
        c = upstreamModels();
        if (!c.reachable()) {
            throw new IdeException(502, "No Ollama server answers at " + labrador.ollama().baseUrl()
                    + ". Start one with `ollama serve`, or set labrador.ollama.base-url.");
        }
        if (c.models().stream().noneMatch(m -> sameModel(m.name(), model))) {
            throw new IdeException(404, embedded()
                    ? "model '" + model + "' not found: Labrador's embedded engine runs " + chatModel()
                    : "model '" + model + "' not found, try pulling it first: ollama pull " + model);
        }
    }

    /**
     * Checks the model a chat names: every chat is answered by the configured chat model, under
     * whatever name of the model list the plugin picked; a name the list does not have is refused,
     * as Ollama refuses it. A {@code @source} ending is checked with the sources, not here.
     *
     * @throws IdeException 404 for a model name that is not listed
     */
    public void requireChatModel(String name) {
        String base = baseModel(name == null ? "" : name.strip());
        if (base.isEmpty() || sameModel(base, chatModel()) || isConfigured(base)
                || upstreamModels().models().stream().anyMatch(m -> sameModel(m.name(), base))) {
            return;
        }
        throw new IdeException(404, "model '" + base + "' not found");
    }

    /** Whether the model server has a model, or it is one Labrador is configured with. */
    public boolean has(String name) {
        String base = baseModel(name);
        return isConfigured(base) || upstreamModels().models().stream().anyMatch(m -> sameModel(m.name(), base));
    }

    /** The upstream server's version, or a recent Ollama version when it does not answer. */
    public String version() {
        String version = chat.status().version();
        return version.isBlank() ? FALLBACK_VERSION : version;
    }

    /** The model name without a {@code @source} ending. */
    public static String baseModel(String name) {
        int at = name.lastIndexOf(SOURCE_MARK);
        return at > 0 ? name.substring(0, at) : name;
    }

    /** The source a model name asks for ({@code qwen2.5:3b@straxen} → {@code straxen}), if any. */
    public static Optional<String> sourceOf(String name) {
        int at = name.lastIndexOf(SOURCE_MARK);
        return at > 0 && at < name.length() - 1 ? Optional.of(name.substring(at + 1)) : Optional.empty();
    }

    /** Ollama treats a name without a tag as {@code name:latest}. */
    static boolean sameModel(String a, String b) {
        return withTag(a).equals(withTag(b));
    }

    private boolean isConfigured(String name) {
        return sameModel(name, chatModel()) || sameModel(name, completionModel());
    }

    private boolean embedded() {
        return labrador.model().engine() == LabradorProperties.Model.Engine.EMBEDDED;
    }

    private Cached upstreamModels() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c != null && now - c.at() < properties.modelListTtl().toNanos()) {
            return c;
        }
        try {
            c = new Cached(upstream.list(), true, now);
        } catch (ModelUnavailableException e) {
            c = new Cached(List.of(), false, now);
        }
        cached = c;
        return c;
    }

    private static String parameters(Object given, Optional<FimFormat> fim) {
        List<String> lines = new ArrayList<>();
        if (given instanceof String text) {
            for (String line : text.split("\n")) {
                if (PARAMETER_LINE.matcher(line.strip()).matches()) {
                    lines.add(line.strip());
                }
            }
        }
        if (lines.isEmpty()) {
            fim.ifPresent(f -> f.stop().forEach(stop -> lines.add("stop                           " + quote(stop))));
        }
        if (lines.isEmpty()) {
            lines.add("num_ctx                        4096");
        }
        return String.join("\n", lines);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Map<String, Object> details(InstalledModel.Details d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parent_model", d.parentModel());
        out.put("format", d.format());
        out.put("family", d.family());
        out.put("families", d.families());
        out.put("parameter_size", d.parameterSize());
        out.put("quantization_level", d.quantizationLevel());
        return out;
    }

    /** An entry for a configured model the server did not list, with every field present. */
    static InstalledModel placeholder(String name) {
        String tagged = withTag(name);
        String repo = tagged.substring(tagged.lastIndexOf('/') + 1, tagged.lastIndexOf(':'));
        String family = repo.replaceAll("[-.]?(coder|instruct|code|chat)$", "").replaceAll("[0-9.]+$", "");
        String tag = tagged.substring(tagged.lastIndexOf(':') + 1);
        String size = tag.matches("[0-9.]+[bBmM]") ? tag.toUpperCase(Locale.ROOT) : "";
        return new InstalledModel(name, name, STARTED, 0, sha256(tagged),
                new InstalledModel.Details("", "gguf", family.isBlank() ? repo : family,
                        List.of(family.isBlank() ? repo : family), size, ""));
    }

    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
