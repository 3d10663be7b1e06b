package org.labrador.webui.curation;

import java.time.Instant;
import java.util.List;

/** Gold-question evaluations for the Evaluations page; implemented by the chat server. */
public interface EvaluationLog {

    record Run(Instant ranAt, String questions, String source, String mode, int k, int total, double hitRate, double mrr) {
    }

    /** Every stored run, oldest first. */
    List<Run> runs();

    /** Runs a {@code .jsonl} file on the server (source may be null for all) and returns a one-line summary. */
    String run(String questionsFile, String source, int k);
}
