package org.labrador.chatserver.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.eval.AnswerEvaluation;
import org.labrador.chatserver.eval.BeirDataset;
import org.labrador.chatserver.eval.BeirEvaluation;
import org.labrador.chatserver.eval.EvaluationRuns;
import org.labrador.chatserver.eval.GoldQuestions;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.RetrievalPipeline;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "eval", description = "Measure retrieval quality on a BEIR-format dataset (nDCG@10, Recall@10/100, MRR@10).")
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "BEIR folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv.")
    Path dataset;

    @Option(names = "--questions", paramLabel = "FILE",
            description = "Gold questions (JSONL: question, gold paths, optional answer), run against the configured index.")
    Path questions;

    @Option(names = "--source", paramLabel = "NAME", description = "With --questions: search only this source.")
    String source;

    @Option(names = "-k", defaultValue = "5", paramLabel = "N", description = "With --questions: hit@k cut-off (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--split", defaultValue = "test", description = "qrels split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--mode", defaultValue = "all", paramLabel = "bm25|vector|hybrid|all",
            description = "Search mode to evaluate (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--out-of-scope", paramLabel = "FILE",
            description = "With --questions: questions the sources do not cover (JSONL, \"question\"); reports the share "
                    + "recognised as not covered.")
    Path outOfScope;

    @Option(names = "--per-document", paramLabel = "N",
            description = "With --questions: what if an answer got at most N passages of one document (default: as configured).")
    Integer perDocument;

    @Option(names = "--no-rerank",
            description = "With --questions: score what answers would see without the configured reranker (labrador.rerank), to compare.")
    boolean noRerank;

    @Option(names = "--evidence", paramLabel = "FILE",
            description = "With --questions: write each question's coverage evidence to FILE (TSV), to study abstention.")
    Path evidence;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--embedding", defaultValue = "bge-small-en-v1.5-q", description = "Embedding model (default ${DEFAULT-VALUE}).")
    String embeddingModel;

    @Option(names = "--cache", defaultValue = "data/eval", paramLabel = "DIR",
            description = "Where corpus indexes are cached (default ${DEFAULT-VALUE}).")
    Path cache;

    @Override
    public Integer call() throws Exception {
        if ((dataset == null) == (questions == null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "give either --dataset DIR (BEIR) or --questions FILE (gold questions)");
        }
        Logging.quiet();
        List<SearchMode> modes = "all".equalsIgnoreCase(mode) ? Arrays.asList(SearchMode.values()) : List.of(SearchMode.parse(mode));
        if (!json) {
            return dataset != null ? beir(modes) : goldQuestions(modes);
        }
        // With --json, standard output carries the JSON alone: anything else printed meanwhile (log
        // lines of the libraries, before and after Spring configures logging) goes to standard error.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return dataset != null ? beir(modes) : goldQuestions(modes);
        } finally {
            System.setOut(stdout);
            if (jsonOut != null) {
                stdout.println(jsonOut);
                stdout.flush();
            }
        }
    }

    /** The report as JSON, printed on the real standard output when the command is done. */
    private String jsonOut;

    private int goldQuestions(List<SearchMode> modes) throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        try (var context = SpringContext.start(true, List.of())) {
            // A served embedding model that cannot answer would turn every vector search into keywords: say so
            // and stop, rather than report keyword figures under the vector and hybrid columns.
            context.getBean(LocalEmbedding.class).checkDimension();
            Retriever retriever = context.getBean(Retriever.class);
            EvaluationRuns runs = context.getBean(EvaluationRuns.class); // kept, for the trend curators see
            if (!json) {
                System.out.println("| mode | questions | hit@" + k + " | MRR@" + k + " |");
                System.out.println("|---|---:|---:|---:|");
            }
            List<GoldQuestions.Report> reports = new java.util.ArrayList<>();
            for (SearchMode m : modes) {
                GoldQuestions.Report r = GoldQuestions.evaluate(questions, retriever, source, m, k,
                        org.labrador.retrieval.ReadAccess.everything());
                runs.store(r);
                reports.add(r);
                if (!json) {
                    System.out.printf("| %s | %d | %.3f | %.3f |%n", r.mode(), r.questions(), r.hitAtK(), r.mrr());
                }
            }
            if (json) {
                jsonOut = mapper.writeValueAsString(reports);
                return 0;
            }
            printAnswerContext(answerContext(context), noRerank ? org.labrador.retrieval.Reranking.NONE
                    : context.getBean(RetrievalPipeline.class).reranking());
            GoldQuestions.Report last = reports.getLast();
            System.out.printf("%nMisses (%s, top %d):%n", last.mode(), k);
            for (GoldQuestions.Miss miss : last.misses()) {
                System.out.printf("- %s%n  gold: %s%n  got:  %s%n", miss.question(), miss.gold(), miss.retrieved());
            }
            return 0;
        }
    }

    /** Scores what answers see: the retrieval pipeline's answer context, all sources unless --source. */
    private AnswerEvaluation.Report answerContext(org.springframework.context.ApplicationContext context) throws Exception {
        RetrievalPipeline pipeline = context.getBean(RetrievalPipeline.class);
        if (noRerank) {
            pipeline = pipeline.withoutReranking();
        }
        if (perDocument != null) {
            RetrievalPipeline.Settings s = pipeline.settings();
            pipeline = pipeline.withSettings(new RetrievalPipeline.Settings(s.passages(), perDocument, s.minSimilarity()));
        }
        AnswerEvaluation.Report report = AnswerEvaluation.evaluate(questions, outOfScope, pipeline, source,
                context.getBean(SourceStore.class).pinned());
        if (evidence != null) {
            List<String> lines = new java.util.ArrayList<>();
            lines.add("id\tin_scope\tcategory\tin_answer\tcovered\tsimilarity\tmargin\tagreement\twords_found\tcontent_words\tquestion");
            for (AnswerEvaluation.Judged j : report.judged()) {
                var e = j.evidence();
                lines.add(String.join("\t", j.id(), String.valueOf(j.inScope()), j.category(), String.valueOf(j.inAnswer()),
                        String.valueOf(j.covered()), String.valueOf(e.similarity()), String.valueOf(e.margin()),
                        String.valueOf(e.agreement()), String.valueOf(e.wordsFound()), String.valueOf(e.contentWords()),
                        j.question().replaceAll("\\s+", " ")));
            }
            java.nio.file.Files.write(evidence, lines);
        }
        return report;
    }

    private static void printAnswerContext(AnswerEvaluation.Report report, org.labrador.retrieval.Reranking reranking) {
        System.out.printf("%nWhat answers see (hybrid pipeline; \"in answer\": a gold file among the answer's passages; "
                + "files: distinct files):%n%n");
        System.out.println("| category | questions | hit@1 | in answer | files hit@10 | files MRR@10 | covered |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (AnswerEvaluation.Row r : report.rows()) {
            System.out.printf("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.category(), r.questions(), r.hitAt1(),
                    r.inAnswer(), r.filesHitAt10(), r.filesMrrAt10(), r.covered());
        }
        System.out.printf("%nAnswer context per question (query embedding, three searches, %schoice): p50 %.1f ms, p95 %.1f ms%n",
                reranking.enabled() ? "rerank, " : "", report.contextMsP50(), report.contextMsP95());
        if (reranking.enabled()) {
            System.out.printf("Reranked by %s; calls that failed: %d, questions left in search order after a failure: %d%n",
                    reranking, reranking.failures(), reranking.skipped());
        }
        if (report.outOfScope() > 0) {
            System.out.printf("%nOut of scope: %d questions, %.3f recognised as not covered; in scope covered: %.3f%n",
                    report.outOfScope(), report.notCoveredRate(), report.rows().getFirst().covered());
            report.wronglyCovered().forEach(q -> System.out.printf("- covered: %s%n", q));
        }
        System.out.printf("%nNot in the answer's passages:%n");
        for (AnswerEvaluation.Miss m : report.misses()) {
            System.out.printf("- %s [%s] file rank %s: %s%n  got: %s%n", m.id(), m.category(),
                    m.fileRank() == 0 ? "-" : m.fileRank(), m.question(), m.answerFiles());
        }
    }

    private int beir(List<SearchMode> modes) throws Exception {
        BeirEvaluation evaluation = new BeirEvaluation(LocalEmbedding.named(embeddingModel), cache);
        BeirEvaluation.Report report = evaluation.run(BeirDataset.open(dataset), split, modes,
                line -> System.out.println(line)); // standard error with --json
        if (json) {
            jsonOut = JsonMapper.builder().build().writeValueAsString(report);
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
