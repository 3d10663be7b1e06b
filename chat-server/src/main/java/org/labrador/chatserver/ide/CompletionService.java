package org.labrador.chatserver.ide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.TextGenerator;
import org.labrador.retrieval.ReadAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Code completion with the repository as context. A request with a suffix is filled in the middle:
 * Labrador writes the whole prompt in the model family's format ({@link FimFormat}) with the
 * context files first, and sends it raw. A raw prompt that already holds a family's tokens gets
 * the context spliced in. Anything else is plain generation, passed on as it is.
 *
 * <p>{@link #prepare} does the checks and the lookup, so that a caller can refuse a request with
 * the right status before it starts streaming; {@link #run} generates. A newer run with the same
 * client key cancels an older one still running, and each run stops at the time budget.
 */
@Service
public class CompletionService {

    private static final Logger log = LoggerFactory.getLogger(CompletionService.class);

    /** How the request was understood. */
    public enum Kind { FILL_IN_THE_MIDDLE, SPLICED, PLAIN }

    /** A request ready to run: what goes to Ollama, the context it carries, and the file edited ("" if unknown). */
    public record Prepared(Kind kind, GenerateRequest request, RepositoryContext.Lookup context, String path,
                           long startedNanos) {
    }

    private final TextGenerator generate;
    private final RepositoryContext repository;
    private final FimFormats formats;
    private final IdeProperties properties;
    private final InputLimits limits;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

    public CompletionService(TextGenerator generate, RepositoryContext repository, FimFormats formats,
                             IdeProperties properties, InputLimits limits) {
        this.limits = limits;
        this.generate = generate;
        this.repository = repository;
        this.formats = formats;
        this.properties = properties;
    }

    /**
     * @throws IdeException (400) for a fill-in-the-middle request to a model that cannot do it
     * @throws IllegalArgumentException (400) when the code and context sent are longer than
     *     {@code labrador.limits.prompt-chars}, before any lookup is done for them
     */
    public Prepared prepare(Completion c, ReadAccess access) {
        long started = System.nanoTime();
        limits.checkPrompt(sentChars(c), "the code and context of the request");
        String model = c.model().isBlank() ? properties.completionModel() : c.model();
        Optional<FimFormat> inPrompt = c.raw() || c.suffix() == null ? formats.foundIn(c.prompt()) : Optional.empty();
        if (inPrompt.isPresent()) {
            FimFormat format = formats.forModel(model).filter(f -> c.prompt().contains(f.prefix().strip()))
                    .orElse(inPrompt.get());
            FimFormat.Cursor cursor = format.cursorIn(c.prompt()).orElseThrow();
            String path = firstNonBlank(c.path(), cursor.path(), RepositoryContext.pathInLeadingComments(cursor.prefix()));
            RepositoryContext.Lookup lookup = withClientContext(c,
                    repository.find(cursor.prefix(), cursor.suffix(), path, c.sources(), access));
            String prompt = format.splice(c.prompt(), repoName(lookup), lookup.snippets(), path);
            return new Prepared(Kind.SPLICED, new GenerateRequest(model, prompt, null, true, null,
                    fimOptions(c.options(), format), c.keepAlive()), lookup, path, started);
        }
        if (c.suffix() != null) {
            FimFormat format = formats.forModel(model).orElseThrow(() -> IdeException.badRequest("The model " + model
                    + " cannot fill in the middle: Labrador knows no fill-in-the-middle format for it. Use a code model"
                    + " such as " + properties.completionModel() + " (labrador.ide.completion-model), or describe its"
                    + " format under labrador.ide.fim-formats."));
            String path = firstNonBlank(c.path(), RepositoryContext.pathInLeadingComments(c.prompt()));
            RepositoryContext.Lookup lookup = withClientContext(c,
                    repository.find(c.prompt(), c.suffix(), path, c.sources(), access));
            String prompt = format.prompt(repoName(lookup), lookup.snippets(), path, c.prompt(), c.suffix());
            return new Prepared(Kind.FILL_IN_THE_MIDDLE, new GenerateRequest(model, prompt, null, true, null,
                    fimOptions(c.options(), format), c.keepAlive()), lookup, path, started);
        }
        return new Prepared(Kind.PLAIN, new GenerateRequest(model, c.prompt(), null, c.raw(), c.system(), c.options(),
                c.keepAlive()), RepositoryContext.Lookup.none("", started), c.path(), started);
    }

    /**
     * Generates, streaming pieces to {@code onToken}. A completion cancels the completion of the
     * same {@code clientKey} still in progress, and is itself cancelled by a newer one or by the
     * time budget; either way the text so far comes back, with {@link GenerateResult#stoppedBy()}
     * saying why. Plain generation (not a completion) has neither: it may take as long as a chat.
     */
    public GenerateResult run(Prepared prepared, String clientKey, Consumer<String> onToken)
            throws ModelUnavailableException {
        Cancellation cancellation = new Cancellation();
        if (prepared.kind() == Kind.PLAIN) {
            return generate.generate(prepared.request(), cancellation, onToken);
        }
        long elapsed = System.nanoTime() - prepared.startedNanos();
        cancellation.cancelAfter(properties.completionTimeout().minusNanos(Math.max(0, elapsed)));
        Cancellation older = running.put(clientKey, cancellation);
        if (older != null) {
            older.cancel(Cancellation.Reason.SUPERSEDED);
        }
        try {
            GenerateResult result = generate.generate(prepared.request(), cancellation, onToken);
            log.debug("{} completion with {}: context {} snippets in {} ms, {}", prepared.kind(),
                    prepared.request().model(), prepared.context().snippets().size(),
                    prepared.context().took().toMillis(), result.stoppedEarly() ? result.stoppedBy() : result.doneReason());
            return result;
        } finally {
            running.remove(clientKey, cancellation);
        }
    }

    private static long sentChars(Completion c) {
        long chars = c.prompt().length() + (c.suffix() == null ? 0 : c.suffix().length())
                + (c.system() == null ? 0 : c.system().length());
        for (CodeSnippet snippet : c.clientContext()) {
            chars += snippet.text().length();
        }
        return chars;
    }

    /** The client's options, with the format's stop tokens added and a default length. */
    private Map<String, Object> fimOptions(Map<String, Object> clientOptions, FimFormat format) {
        Map<String, Object> options = new LinkedHashMap<>(clientOptions);
        Set<String> stop = new LinkedHashSet<>();
        Object given = clientOptions.get("stop");
        if (given instanceof String s) {
            stop.add(s);
        } else if (given instanceof List<?> list) {
            list.forEach(s -> stop.add(String.valueOf(s)));
        }
        stop.addAll(format.stop());
        options.put("stop", new ArrayList<>(stop));
        options.putIfAbsent("num_predict", properties.maxTokens());
        return options;
    }

    /**
     * The client's snippets first, then the repository's, within {@link IdeProperties#contextTokens()}:
     * what the editor chose (the declarations its language server found, the files open next to the
     * cursor) is the surest context, and the repository fills what room is left. A repository passage
     * of a file the client already sent is left out.
     */
    private RepositoryContext.Lookup withClientContext(Completion c, RepositoryContext.Lookup lookup) {
        if (c.clientContext().isEmpty()) {
            return lookup;
        }
        List<CodeSnippet> merged = new ArrayList<>();
        Set<String> clientFiles = new LinkedHashSet<>();
        int budget = properties.contextTokens();
        for (CodeSnippet snippet : c.clientContext()) {
            int tokens = TokenCount.of(snippet.text());
            if (snippet.text().isBlank() || tokens > budget) {
                continue;
            }
            budget -= tokens;
            merged.add(snippet);
            clientFiles.add(snippet.path());
        }
        for (CodeSnippet snippet : lookup.snippets()) {
            int tokens = TokenCount.of(snippet.text());
            boolean sent = clientFiles.stream().anyMatch(f -> f.equals(snippet.path()) || f.endsWith("/" + snippet.path()));
            if (!sent && tokens <= budget) {
                budget -= tokens;
                merged.add(snippet);
            }
        }
        return new RepositoryContext.Lookup(merged, lookup.query(), lookup.took(), lookup.keywordsOnly());
    }

    /** The repository the context comes from, as the format's repository header names it. */
    private static String repoName(RepositoryContext.Lookup lookup) {
        return lookup.snippets().stream().map(CodeSnippet::source).filter(s -> !s.isBlank()).findFirst().orElse("");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
