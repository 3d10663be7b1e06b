package org.labrador.ingest.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.code.ChunkedCode;
import org.labrador.ingest.code.CodeChunker;
import org.labrador.ingest.code.CodePassage;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.Chunk;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.IndexedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index in line with a source: new and changed documents are chunked, embedded and
 * written; unchanged ones (same content hash, same embedding model) are left alone; documents
 * gone from the source are deleted. Commits every {@value #COMMIT_EVERY_FILES} files, so a sync
 * killed halfway leaves an index that opens, holding whole documents only, and the next sync
 * finishes the work.
 */
public final class SourceSync {

    private static final Logger log = LoggerFactory.getLogger(SourceSync.class);
    private static final int COMMIT_EVERY_FILES = 25;
    /** Beyond this many failed paths the next sync reads every file instead of remembering each one. */
    static final int MAX_RETRY_PATHS = 500;
    /** The retry value meaning "read every file next time": more failed than could be remembered. */
    private static final String RETRY_ALL = "*";

    private final PassageIndex index;
    private final LocalEmbedding embedding;
    private final DocumentChunker prose;
    private final CodeChunker code;

    /** Prose (Markdown, reStructuredText, HTML, text) is cut by headings; code by its definitions. */
    public SourceSync(PassageIndex index, LocalEmbedding embedding, DocumentChunker prose, CodeChunker code) {
        this.index = index;
        this.embedding = embedding;
        this.prose = prose;
        this.code = code;
    }

    /** Commit-data key holding the time a source's last sync finished. */
    public static String lastSyncKey(String source) {
        return "source." + source + ".last-sync";
    }

    /** Commit-data key holding the revision (commit id) a versioned source was last indexed at. */
    public static String revisionKey(String source) {
        return "source." + source + ".revision";
    }

    /**
     * Commit-data key holding the paths of a versioned source that failed to index in its last
     * sync (skipped as bad, or an exception), one per line, or {@code *} when there were more than
     * {@value #MAX_RETRY_PATHS}. The next sync reads them again even if the revision diff does not
     * name them: a file that failed at commit A and is unchanged at B would otherwise keep its
     * stale passages, or stay missing, until someone edits it.
     */
    public static String retryKey(String source) {
        return "source." + source + ".retry";
    }

    /** Commit-data key holding the groups a source's passages are open to, as last applied. */
    public static String groupsKey(String source) {
        return "source." + source + ".groups";
    }

    /** Syncs a source open to every signed-in user. */
    public SyncReport sync(DocumentSource source, LinkTemplate links, Consumer<SyncProgress> progress) throws IOException {
        return sync(source, links, List.of(), progress);
    }

    /**
     * Syncs a source whose passages are open to {@code groups} (empty: every signed-in user). When
     * the groups changed since the last sync, every passage already indexed is re-tagged first,
     * without being read or embedded again.
     */
    public SyncReport sync(DocumentSource source, LinkTemplate links, List<String> groups,
                           Consumer<SyncProgress> progress) throws IOException {
        List<String> sortedGroups = groups.stream().sorted().distinct().toList();
        String groupsValue = String.join(",", sortedGroups);
        if (!groupsValue.equals(index.commitData().getOrDefault(groupsKey(source.name()), ""))) {
            int retagged = index.regroup(source.name(), sortedGroups);
            index.commit(Map.of(groupsKey(source.name()), groupsValue));
            log.info("Source {} is now open to groups [{}]: {} passages re-tagged", source.name(), groupsValue, retagged);
        }
        source.openTo(sortedGroups);
        long started = System.nanoTime();
        long embeddingNanos = 0;
        String revision = "";
        Optional<Set<String>> changedPaths = Optional.empty();
        Set<String> retry = Set.of();
        if (source instanceof VersionedSource versioned) {
            revision = versioned.update();
            Map<String, String> data = index.commitData();
            String previous = data.get(revisionKey(source.name()));
            String failedBefore = data.getOrDefault(retryKey(source.name()), "");
            if (previous != null && !failedBefore.equals(RETRY_ALL)) {
                changedPaths = versioned.changedSince(previous);
                retry = failedBefore.isEmpty() ? Set.of() : Set.of(failedBefore.split("\n"));
            }
        }
        List<String> paths = source.list();
        List<String> warnings = openToEveryone(source, sortedGroups);
        Map<String, IndexedDocument> indexed = index.documents(source.name());
        List<SyncReport.Skipped> skipped = new ArrayList<>();
        int changed = 0;
        int unchanged = 0;
        long chunks = 0;
        int sinceCommit = 0;

        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            progress.accept(new SyncProgress(source.name(), i, paths.size(), chunks, rate(chunks, started), path));
            IndexedDocument known = indexed.get(path);
            if (changedPaths.isPresent() && !changedPaths.get().contains(path) && !retry.contains(path)
                    && known != null && known.embeddingModel().equals(embedding.name())) {
                unchanged++; // the revision diff says so: no need to read it
                continue;
            }
            SourceFile file = source.read(path);
            if (file.isSkipped()) {
                log.warn("Skipped {}/{}: {}", source.name(), path, file.skipReason());
                skipped.add(new SyncReport.Skipped(path, file.skipReason()));
                continue; // a document that turned bad keeps its last good chunks until it leaves the source
            }
            String hash = sha256(file.text());
            if (known != null && known.contentHash().equals(hash)
                    && known.embeddingModel().equals(embedding.name())) {
                unchanged++;
                continue;
            }
            try {
                Cut doc = cut(file);
                List<Chunk> docChunks = toChunks(source, file, doc, hash, links, revision, sortedGroups);
                long t0 = System.nanoTime();
                List<float[]> vectors = embed(docChunks);
                embeddingNanos += System.nanoTime() - t0;
                index.replaceDocument(new IndexedDocument(source.name(), path, doc.title(), hash, embedding.name(),
                        docChunks.size(), Instant.now()), docChunks, vectors);
                chunks += docChunks.size();
                changed++;
            } catch (EmbeddingUnavailableException e) {
                // Not this document's fault: every other one would fail the same way. Stop; what was
                // indexed stays, and the next sync starts over from the last recorded revision.
                index.commit(Map.of());
                throw new IOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                // One bad document must not stop the sync; its previous chunks stay.
                log.warn("Could not index {}/{}", source.name(), path, e);
                skipped.add(new SyncReport.Skipped(path, "could not be indexed: " + e));
                continue;
            }
            if (++sinceCommit >= COMMIT_EVERY_FILES) {
                index.commit(Map.of());
                sinceCommit = 0;
            }
        }

        int deleted = 0;
        Set<String> present = new HashSet<>(paths);
        for (String path : indexed.keySet()) {
            if (!present.contains(path)) {
                index.deleteDocument(source.name(), path);
                deleted++;
            }
        }
        Instant finished = Instant.now();
        Map<String, String> data = new HashMap<>(Map.of(lastSyncKey(source.name()), finished.toString()));
        if (!revision.isEmpty()) {
            data.put(revisionKey(source.name()), revision);
        }
        if (source instanceof VersionedSource) {
            data.put(retryKey(source.name()), retryValue(skipped));
        }
        index.commit(data);
        progress.accept(new SyncProgress(source.name(), paths.size(), paths.size(), chunks, rate(chunks, started), ""));
        SyncReport report = new SyncReport(source.name(), paths.size(), changed, unchanged, deleted, chunks,
                List.copyOf(skipped), source.exclusionSummary(), warnings, Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(embeddingNanos),
                finished);
        log.info("Synced {}", report.summary());
        return report;
    }

    /**
     * A warning when parts its own server restricts (a private channel) are in a source with no
     * groups: the source left them out ({@link DocumentSource#openTo}), so they are not indexed and
     * what was indexed of them leaves the index; the curator's fix is to give the source groups.
     */
    private static List<String> openToEveryone(DocumentSource source, List<String> groups) {
        List<String> restricted = source.restrictedParts();
        if (!groups.isEmpty() || restricted.isEmpty()) {
            return List.of();
        }
        String warning = String.join(", ", restricted) + (restricted.size() == 1 ? " is" : " are")
                + " restricted on its server, but this source has no groups, so " + (restricted.size() == 1 ? "it is" : "they are")
                + " not indexed (nothing of " + (restricted.size() == 1 ? "it" : "them") + " stays in the index):"
                + " give the source the groups of those who may read " + (restricted.size() == 1 ? "it" : "them");
        log.warn("Source {}: {}", source.name(), warning);
        return List.of(warning);
    }

    private static String retryValue(List<SyncReport.Skipped> failed) {
        Set<String> paths = new TreeSet<>();
        for (SyncReport.Skipped s : failed) {
            paths.add(s.path());
        }
        boolean listable = paths.size() <= MAX_RETRY_PATHS && paths.stream().noneMatch(p -> p.contains("\n"));
        return listable ? String.join("\n", paths) : RETRY_ALL;
    }

    /** A document cut into passages, each with the symbols it defines (none for prose). */
    private record Cut(String title, List<Passage> passages, List<List<String>> symbols) {
    }

    private Cut cut(SourceFile file) {
        String path = file.path();
        String text = file.text();
        if (file.document() != null) {
            ChunkedDocument chunked = file.document();
            return new Cut(chunked.title(), chunked.passages(), chunked.passages().stream().map(p -> List.<String>of()).toList());
        }
        if (!DocumentChunker.supports(path) && CodeChunker.language(path).isPresent()) {
            ChunkedCode chunked = code.chunk(path, text);
            return new Cut(chunked.title(), chunked.passages().stream().map(CodePassage::passage).toList(),
                    chunked.passages().stream().map(CodePassage::definedSymbols).toList());
        }
        ChunkedDocument chunked = prose.chunk(path, text);
        return new Cut(chunked.title(), chunked.passages(), chunked.passages().stream().map(p -> List.<String>of()).toList());
    }

    private static List<Chunk> toChunks(DocumentSource source, SourceFile file, Cut doc, String hash, LinkTemplate links,
                                        String revision, List<String> groups) {
        String name = source.name();
        String path = file.path();
        List<Chunk> chunks = new ArrayList<>(doc.passages().size());
        for (int i = 0; i < doc.passages().size(); i++) {
            Passage p = doc.passages().get(i);
            String id = sha256(name + '\u0000' + path + '\u0000' + i + '\u0000' + p.text()).substring(0, 24);
            String uri = links.link(name, revision, path, p.startLine(), p.endLine(), p.startPage(), source.anchor(p));
            chunks.add(new Chunk(id, name, path, doc.title(), p.headings(), p.startLine(), p.endLine(), p.text(),
                    uri, hash, doc.symbols().get(i), p.startPage(), p.endPage(), file.modified(), groups));
        }
        return chunks;
    }

    /** Embeds each chunk with its title and heading path, which carry meaning the passage often omits. */
    private List<float[]> embed(List<Chunk> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        return embedding.embedPassages(chunks.stream().map(SourceSync::embeddingText).toList());
    }

    static String embeddingText(Chunk chunk) {
        List<String> context = new ArrayList<>();
        if (!chunk.title().isBlank()) {
            context.add(chunk.title());
        }
        for (String heading : chunk.headings()) {
            if (!heading.equals(chunk.title())) {
                context.add(heading);
            }
        }
        return context.isEmpty() ? chunk.text() : String.join(" › ", context) + "\n\n" + chunk.text();
    }

    private static double rate(long chunks, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : chunks / seconds;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
