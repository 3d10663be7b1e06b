package org.labrador.chatserver.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.sources.CuratorAccess;
import org.labrador.retrieval.SearchMode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.access.prepost.PreAuthorize;

/** {@code /api/v1/evaluations}: run a gold-question file (curator role) and list the stored runs. */
@RestController
@PreAuthorize("hasRole('CURATOR')")
public class EvaluationsController {

    /** A run to make: a {@code .jsonl} file on the server, optionally one source, k (default 5), mode (default hybrid). */
    public record EvaluationRequest(String questions, String source, Integer k, String mode) {
    }

    private final EvaluationRuns runs;
    private final SourceCatalog catalog;
    private final CuratorAccess curators;

    public EvaluationsController(EvaluationRuns runs, SourceCatalog catalog, CuratorAccess curators) {
        this.runs = runs;
        this.catalog = catalog;
        this.curators = curators;
    }

    /** Runs over one source need that source readable; runs over all search only what the curator reads. */
    @PostMapping("/api/v1/evaluations")
    public GoldQuestions.Report run(@RequestBody EvaluationRequest request) {
        if (request.questions() == null || request.questions().isBlank()) {
            throw new IllegalArgumentException("questions: the path of a .jsonl gold-question file on the server");
        }
        String source = request.source() == null || request.source().isBlank() ? null : request.source();
        if (source != null) {
            curators.requireReadable(source);
        }
        try {
            // Only files where sources may be read: a curator cannot make the server read any file it can.
            Path questions = catalog.folders().requireReadableFile(Path.of(request.questions()), ".jsonl");
            return runs.run(questions, source, SearchMode.parse(request.mode() == null ? "hybrid" : request.mode()),
                    request.k() == null ? 5 : request.k(), curators.access());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use " + request.questions() + ": " + e.getMessage(), e);
        }
    }

    /** The stored runs over all sources, and over the sources the curator reads. */
    @GetMapping("/api/v1/evaluations")
    public List<EvaluationRuns.Run> list() {
        return runs.all().stream().filter(r -> r.source().isEmpty() || curators.mayRead(r.source())).toList();
    }
}
