package org.labrador.chatserver.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.Retriever;
import org.labrador.retrieval.SearchMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs a gold-question file against the index and keeps each run, so that curators see retrieval
 * quality over time: a drop after a change of sources or settings shows as a number, not a hunch.
 */
@Service
public class EvaluationRuns {

    /** One stored run. */
    public record Run(long id, String source, String questions, String mode, int k, double hitRate, double mrr, int total,
                      Instant ranAt) {
    }

    private final JdbcClient db;
    private final Retriever retriever;

    public EvaluationRuns(JdbcClient db, Retriever retriever) {
        this.db = db;
        this.retriever = retriever;
    }

    /** Evaluates on what {@code access} reads, and stores; {@code source} null means every source. */
    public GoldQuestions.Report run(Path questions, String source, SearchMode mode, int k, ReadAccess access)
            throws IOException {
        if (!questions.getFileName().toString().endsWith(".jsonl") || !Files.isRegularFile(questions)) {
            throw new IllegalArgumentException("give a .jsonl file of gold questions on the server: " + questions);
        }
        GoldQuestions.Report report = GoldQuestions.evaluate(questions, retriever, source, mode, k, access);
        store(report);
        return report;
    }

    public void store(GoldQuestions.Report report) {
        db.sql("insert into eval_runs (source, questions, mode, k, hit_rate, mrr, total) values (?, ?, ?, ?, ?, ?, ?)")
                .params(report.source() == null ? "" : report.source(), report.file(), report.mode(), report.k(),
                        report.hitAtK(), report.mrr(), report.questions())
                .update();
    }

    /** Every stored run, oldest first. */
    public List<Run> all() {
        return db.sql("select * from eval_runs order by ran_at, id").query((rs, n) -> new Run(rs.getLong("id"),
                rs.getString("source"), rs.getString("questions"), rs.getString("mode"), rs.getInt("k"),
                rs.getDouble("hit_rate"), rs.getDouble("mrr"), rs.getInt("total"),
                rs.getObject("ran_at", OffsetDateTime.class).toInstant())).list();
    }
}
