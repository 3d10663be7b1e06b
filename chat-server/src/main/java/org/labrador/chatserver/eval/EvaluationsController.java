package org.labrador.chatserver.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labrador.chatserver.sources.SourceCatalog;
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

    public EvaluationsController(EvaluationRuns runs, SourceCatalog catalog) {
        this.runs = runs;
        this.catalog = catalog;
    }

    @PostMapping("/api/v1/evaluations")
    public GoldQuestions.Report run(@RequestBody EvaluationRequest request) {
        if (request.questions() == null || request.questions().isBlank()) {
            throw new IllegalArgumentException("questions: the path of a .jsonl gold-question file on the server");
        }
        try {
            // Only files where sources may be read: a curator cannot make the server read any file it can.
            Path questions = catalog.folders().requireReadableFile(Path.of(request.questions()), ".jsonl");
            return runs.run(questions, request.source() == null || request.source().isBlank() ? null
                    : request.source(), SearchMode.parse(request.mode() == null ? "hybrid" : request.mode()),
                    request.k() == null ? 5 : request.k());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use " + request.questions() + ": " + e.getMessage(), e);
        }
    }

    @GetMapping("/api/v1/evaluations")
    public List<EvaluationRuns.Run> list() {
        return runs.all();
    }
}
