package org.labrador.chatserver.ask;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.security.Callers;
import org.labrador.retrieval.Hit;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchOrder;
import org.labrador.retrieval.SearchRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/search?q=&k=&mode=&source=&order=}: passages without an answer, each document's best
 * passage first (as answers choose them) unless {@code order=score}.
 */
@RestController
public class SearchController {

    /** The response body. */
    public record SearchResponse(List<ApiHit> hits) {

        public static SearchResponse of(List<Hit> hits) {
            return new SearchResponse(hits.stream().map(ApiHit::of).toList());
        }
    }

    /**
     * One hit as the API shows it; {@code pages} is set for papers ({@code 7}, {@code 7-8}), {@code modified}
     * for documents whose source tells when they last changed (a wiki page's last edit).
     */
    public record ApiHit(String path, String title, List<String> headings, String lines, String uri,
                         String snippet, String source, double score, String pages, String modified) {

        static ApiHit of(Hit hit) {
            var c = hit.chunk();
            return new ApiHit(c.path(), c.title(), c.headings(), c.lines(), c.uri(), hit.snippet(), c.source(), hit.score(),
                    c.pages(), c.modified());
        }
    }

    private final RetrievalPipeline pipeline;
    private final Callers callers;
    private final InputLimits limits;

    public SearchController(RetrievalPipeline pipeline, Callers callers, InputLimits limits) {
        this.pipeline = pipeline;
        this.callers = callers;
        this.limits = limits;
    }

    @GetMapping("/api/v1/search")
    public SearchResponse search(@RequestParam("q") String query,
                                 @RequestParam(name = "k", defaultValue = "10") int k,
                                 @RequestParam(name = "mode", defaultValue = "hybrid") String mode,
                                 @RequestParam(name = "source", required = false) Set<String> sources,
                                 @RequestParam(name = "order", defaultValue = "documents") String order) throws IOException {
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k is from 1 to 1000");
        }
        if (query.isBlank()) {
            throw new IllegalArgumentException("q is empty");
        }
        limits.checkQuestion(query);
        return SearchResponse.of(pipeline.search(new SearchRequest(query, SearchMode.parse(mode), k, sources, callers.access()),
                SearchOrder.parse(order)));
    }
}
