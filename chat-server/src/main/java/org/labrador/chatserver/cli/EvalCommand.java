package org.labrador.chatserver.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.eval.BeirDataset;
import org.labrador.chatserver.eval.BeirEvaluation;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.SearchMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "eval", description = "Measure retrieval quality on a BEIR-format dataset (nDCG@10, Recall@10/100, MRR@10).")
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "BEIR folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv.")
    Path dataset;

    @Option(names = "--split", defaultValue = "test", description = "qrels split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--mode", defaultValue = "all", paramLabel = "bm25|vector|hybrid|all",
            description = "Search mode to evaluate (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--embedding", defaultValue = "bge-small-en-v1.5-q", description = "Embedding model (default ${DEFAULT-VALUE}).")
    String embeddingModel;

    @Option(names = "--cache", defaultValue = "data/eval", paramLabel = "DIR",
            description = "Where corpus indexes are cached (default ${DEFAULT-VALUE}).")
    Path cache;

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        List<SearchMode> modes = "all".equalsIgnoreCase(mode) ? Arrays.asList(SearchMode.values()) : List.of(SearchMode.parse(mode));
        BeirEvaluation evaluation = new BeirEvaluation(LocalEmbedding.named(embeddingModel), cache);
        BeirEvaluation.Report report = evaluation.run(BeirDataset.open(dataset), split, modes,
                line -> (json ? System.err : System.out).println(line));
        if (json) {
            System.out.println(JsonMapper.builder().build().writeValueAsString(report));
            return 0;
        }
        System.out.printf("%n%s, split %s: %d queries, %d documents, embedding %s%n%n", report.dataset(), report.split(),
                report.queries(), report.documents(), report.embedding());
        System.out.println("| mode | nDCG@10 | Recall@10 | Recall@100 | MRR@10 | queries/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (BeirEvaluation.ModeResult r : report.results()) {
            System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f | %.0f |%n", r.mode(), r.ndcgAt10(), r.recallAt10(),
                    r.recallAt100(), r.mrrAt10(), r.queriesPerSecond());
        }
        return 0;
    }
}
