package org.labrador.chatserver.ide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.TokenCount;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Finds the indexed code that the code at a cursor refers to: the names it imports and the
 * identifiers nearest the cursor make a query, answered by the hybrid search (whose exact symbol
 * match finds definitions), keeping at most {@link IdeProperties#hitsPerFile()} passages of a file,
 * none of the file being edited, none that does not name an identifier of the query, and no more
 * than {@link IdeProperties#contextTokens()} tokens. When the hybrid search is later than
 * {@link IdeProperties#contextBudget()} (embedding the query is the slow part on a small CPU), the
 * keyword half alone (BM25 with the exact symbol match, a few milliseconds) answers: a completion
 * with less context is better than a late one. Recent lookups are reused, as typing on one line
 * keeps asking the same question.
 */
@Service
public class RepositoryContext {

    private static final Logger log = LoggerFactory.getLogger(RepositoryContext.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}");
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*(?:from\\s+([\\w.]+)\\s+import\\s+([\\w, ]+)|import\\s+(?:static\\s+)?([\\w., ]+)"
                    + "|#include\\s*[<\"]([^>\"]+)[>\"]|use\\s+([\\w:]+)|.*require\\(['\"]([^'\"]+)['\"]\\))");
    private static final Pattern PATH_COMMENT = Pattern.compile("^(?:#|//|--|%|;;|!)\\s*(?:Path:\\s*)?(\\S+\\.\\w{1,8})\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
            "def", "class", "return", "import", "from", "self", "this", "true", "false", "True", "False", "None", "null",
            "for", "while", "elif", "else", "with", "not", "and", "lambda", "pass", "yield", "raise", "try", "except",
            "finally", "assert", "global", "del", "async", "await", "public", "private", "protected", "static", "final",
            "void", "int", "float", "double", "long", "char", "bool", "boolean", "str", "new", "let", "const", "var",
            "function", "throw", "throws", "catch", "case", "switch", "break", "continue", "struct", "enum", "include",
            "namespace", "template", "typename", "auto", "unsigned", "string", "std", "print", "len", "range", "dict",
            "list", "tuple", "set", "cls", "super", "fn", "mut", "pub", "use", "mod", "impl", "end", "then",
            "local", "nil", "package", "interface", "extends", "implements", "instanceof", "typeof", "undefined");
    private static final Set<String> PROSE = Set.of("md", "rst", "txt", "html", "htm", "adoc");
    private static final int PREFIX_WINDOW = 1500;
    private static final int SUFFIX_WINDOW = 400;
    private static final int QUERY_TERMS = 16;
    private static final int SEARCH_DEPTH = 16;
    private static final int CACHE_SIZE = 256;
    private static final long CACHE_TTL_NANOS = Duration.ofSeconds(30).toNanos();
    /** The keyword search, a few milliseconds, may finish this much after the budget. */
    private static final long KEYWORD_GRACE_NANOS = Duration.ofMillis(15).toNanos();
    private static final int HYBRID_PROBE = 10;

    /**
     * What a lookup found, the query it asked, how long it took, and whether the hybrid search was
     * too late so that the keyword search alone answered.
     */
    public record Lookup(List<CodeSnippet> snippets, String query, Duration took, boolean keywordsOnly) {
        static Lookup none(String query, long started) {
            return new Lookup(List.of(), query, Duration.ofNanos(System.nanoTime() - started), false);
        }
    }

    private record Cached(List<CodeSnippet> snippets, long at) {}

    private final RetrievalPipeline pipeline;
    private final IdeProperties properties;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    /** Recent time of a hybrid search (moving average), to skip waiting for it when it cannot fit. */
    private final java.util.concurrent.atomic.AtomicLong hybridNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lookupCount = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * Ranks through the same retrieval pipeline as answers and the search API, without its reranker: a completion
     * asks with code names on every pause in typing, within a budget of milliseconds, and a cross-encoder call
     * would spend that budget (and the reranker's GPU) on a query that is no question. The choice of snippets is
     * its own.
     */
    public RepositoryContext(RetrievalPipeline pipeline, IdeProperties properties) {
        this.pipeline = pipeline.withoutReranking();
        this.properties = properties;
    }

    /** Context for a cursor between {@code prefix} and {@code suffix} in {@code path} ("" if unknown). */
    public Lookup find(String prefix, String suffix, String path, Set<String> sources, ReadAccess access) {
        long started = System.nanoTime();
        String query = query(prefix, suffix);
        if (query.isBlank() || properties.contextTokens() <= 0) {
            return Lookup.none(query, started);
        }
        String key = query + '\u0000' + path + '\u0000' + new java.util.TreeSet<>(sources) + '\u0000' + access;
        synchronized (cache) {
            Cached hit = cache.get(key);
            if (hit != null && started - hit.at() < CACHE_TTL_NANOS) {
                return new Lookup(hit.snippets(), query, Duration.ofNanos(System.nanoTime() - started), false);
            }
        }
        // Keywords (BM25 with the exact symbol match) take milliseconds; the hybrid search adds the
        // query's embedding, which on a small CPU may not fit the budget. When recent hybrid searches
        // did not fit, keywords answer at once, and every HYBRID_PROBE-th lookup runs the hybrid
        // search in the background to see whether it fits again (its answer then fills the cache);
        // otherwise both start, and the hybrid answer is used when it comes in time.
        Future<List<CodeSnippet>> keywords = lookups.submit(() -> search(query, SearchMode.BM25, path, sources, access));
        boolean waitForHybrid = hybridNanos.get() <= properties.contextBudget().toNanos();
        boolean runHybrid = waitForHybrid || lookupCount.incrementAndGet() % HYBRID_PROBE == 0;
        CompletableFuture<List<CodeSnippet>> hybrid = !runHybrid ? new CompletableFuture<>() : CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            List<CodeSnippet> found = search(query, SearchMode.HYBRID, path, sources, access);
            long took = System.nanoTime() - t;
            hybridNanos.updateAndGet(avg -> avg == 0 ? took : (avg * 3 + took) / 4);
            remember(key, found, started);
            return found;
        }, lookups);
        long deadline = started + properties.contextBudget().toNanos();
        try {
            try {
                if (!waitForHybrid) {
                    throw new TimeoutException("recent hybrid searches were slower than the budget");
                }
                List<CodeSnippet> snippets = hybrid.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return new Lookup(snippets, query, Duration.ofNanos(System.nanoTime() - started), false);
            } catch (TimeoutException late) {
                List<CodeSnippet> snippets = keywords.get(Math.max(0, deadline - System.nanoTime()) + KEYWORD_GRACE_NANOS,
                        TimeUnit.NANOSECONDS);
                log.debug("Hybrid lookup would be later than {}, keywords only: {}", properties.contextBudget(), query);
                return new Lookup(snippets, query, Duration.ofNanos(System.nanoTime() - started), true);
            }
        } catch (TimeoutException e) {
            log.debug("Repository lookup gave up after {}: {}", properties.contextBudget(), query);
            return new Lookup(List.of(), query, Duration.ofNanos(System.nanoTime() - started), true);
        } catch (ExecutionException e) {
            log.warn("Repository lookup failed for {}", query, e.getCause());
            return Lookup.none(query, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.none(query, started);
        }
    }

    private void remember(String key, List<CodeSnippet> snippets, long started) {
        synchronized (cache) {
            cache.put(key, new Cached(snippets, started));
        }
    }

    private List<CodeSnippet> search(String query, SearchMode mode, String path, Set<String> sources, ReadAccess access) {
        List<Hit> hits;
        try {
            hits = pipeline.search(new SearchRequest(query, mode, SEARCH_DEPTH, sources, access));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> perFile = new HashMap<>();
        List<CodeSnippet> out = new ArrayList<>();
        int budget = properties.contextTokens();
        List<String> terms = List.of(query.split(" "));
        for (Hit hit : hits) {
            var chunk = hit.chunk();
            if (isProse(chunk.path()) || sameFile(chunk.path(), path) || !mentionsAny(chunk.text(), terms)) {
                continue;
            }
            int tokens = TokenCount.of(chunk.text());
            if (tokens > budget || perFile.getOrDefault(chunk.source() + '/' + chunk.path(), 0) >= properties.hitsPerFile()) {
                continue;
            }
            perFile.merge(chunk.source() + '/' + chunk.path(), 1, Integer::sum);
            budget -= tokens;
            out.add(new CodeSnippet(chunk.source(), chunk.path(), chunk.startLine(), chunk.endLine(), chunk.text()));
        }
        return out;
    }

    /**
     * The search query for a cursor: the names imported anywhere above it, then the identifiers
     * nearest to it (closest first), language keywords left out.
     */
    static String query(String prefix, String suffix) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(prefix);
        while (imports.find()) {
            for (int g = 1; g <= imports.groupCount(); g++) {
                if (imports.group(g) != null) {
                    for (String part : imports.group(g).split("[\\s,.:/]+")) {
                        if (part.length() > 2 && !KEYWORDS.contains(part) && !part.equals("as")) {
                            terms.add(part);
                        }
                    }
                }
            }
        }
        List<String> before = identifiers(prefix.substring(Math.max(0, prefix.length() - PREFIX_WINDOW)));
        List<String> after = identifiers(suffix.substring(0, Math.min(suffix.length(), SUFFIX_WINDOW)));
        Set<String> near = new LinkedHashSet<>();
        // Alternate outwards from the cursor: the last word typed, the first word below, and so on.
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            if (i < before.size()) {
                near.add(before.get(before.size() - 1 - i));
            }
            if (i < after.size()) {
                near.add(after.get(i));
            }
        }
        List<String> query = new ArrayList<>();
        for (String t : near) {
            if (query.size() < QUERY_TERMS / 2 || !terms.contains(t)) {
                query.add(t);
            }
            if (query.size() >= QUERY_TERMS) {
                break;
            }
        }
        for (String t : terms) {
            if (query.size() >= QUERY_TERMS + 8) {
                break;
            }
            if (!query.contains(t)) {
                query.add(t);
            }
        }
        return String.join(" ", query);
    }

    private static List<String> identifiers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /**
     * The file named by the comment header Continue puts at the top of its prefix (the last
     * comment line of the leading comment block that looks like a path), or "".
     */
    static String pathInLeadingComments(String prefix) {
        String found = "";
        for (String line : prefix.split("\n", 80)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (!(stripped.startsWith("#") || stripped.startsWith("//") || stripped.startsWith("--")
                    || stripped.startsWith("%") || stripped.startsWith(";;") || stripped.startsWith("!"))) {
                break;
            }
            Matcher m = PATH_COMMENT.matcher(stripped);
            if (m.matches()) {
                found = m.group(1);
            }
        }
        return found;
    }

    /**
     * Whether a passage names one of the query's identifiers: the vector side of the search also
     * returns code that merely looks alike, which only distracts a completion model.
     */
    private static boolean mentionsAny(String text, List<String> terms) {
        for (String term : terms) {
            int at = text.indexOf(term);
            while (at >= 0) {
                boolean startsWord = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1));
                int end = at + term.length();
                boolean endsWord = end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
                if (startsWord && endsWord) {
                    return true;
                }
                at = text.indexOf(term, at + 1);
            }
        }
        return false;
    }

    private static boolean isProse(String path) {
        return PROSE.contains(path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean sameFile(String indexed, String edited) {
        if (edited == null || edited.isBlank()) {
            return false;
        }
        String e = edited.replace('\\', '/');
        return indexed.equals(e) || e.endsWith("/" + indexed) || indexed.endsWith("/" + e);
    }
}
