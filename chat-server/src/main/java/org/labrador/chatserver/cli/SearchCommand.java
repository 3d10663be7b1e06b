package org.labrador.chatserver.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.labrador.chatserver.api.InputLimits;
import org.labrador.chatserver.ask.SearchController.ApiHit;
import org.labrador.chatserver.ask.SearchController.SearchResponse;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.SearchMode;
import org.labrador.retrieval.SearchOrder;
import org.labrador.retrieval.SearchRequest;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "search", description = "Show the passages that match a query.")
public class SearchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the same JSON as GET /api/v1/search.")
    boolean json;

    @Option(names = "-k", paramLabel = "N", defaultValue = "10", description = "Number of hits (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--mode", paramLabel = "bm25|vector|hybrid", defaultValue = "hybrid",
            description = "Keyword, vector or fused search (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--order", paramLabel = "documents|score", defaultValue = "documents",
            description = "Each document's best passage first, as answers choose them, or by score alone (default ${DEFAULT-VALUE}).")
    String order;

    @Option(names = "--source", paramLabel = "NAME", description = "Search only this source (repeatable).")
    Set<String> sources;

    @Parameters(arity = "1..*", paramLabel = "QUERY")
    List<String> query;

    @Override
    public Integer call() throws Exception {
        String text = String.join(" ", query);
        try (ConfigurableApplicationContext context = SpringContext.start(true, List.of())) {
            SearchOrder searchOrder;
            try {
                context.getBean(InputLimits.class).checkQuestion(text);
                searchOrder = SearchOrder.parse(order);
            } catch (IllegalArgumentException e) {
                System.err.println("labrador search: " + e.getMessage());
                return 2;
            }
            SearchResponse response = SearchResponse.of(context.getBean(RetrievalPipeline.class)
                    .search(new SearchRequest(text, SearchMode.parse(mode), k, sources, ReadAccess.everything()), searchOrder));
            if (json) {
                System.out.println(context.getBean(JsonMapper.class).writeValueAsString(response));
                return 0;
            }
            if (response.hits().isEmpty()) {
                System.out.println("No passages match.");
            }
            int n = 1;
            for (ApiHit hit : response.hits()) {
                System.out.printf("%2d. %s:%s  %s%s  (score %.4f)%n    %s%n", n++, hit.path(), hit.lines(), hit.title(),
                        hit.headings().isEmpty() ? "" : " › " + String.join(" › ", hit.headings()), hit.score(), hit.snippet());
            }
            return 0;
        }
    }
}
