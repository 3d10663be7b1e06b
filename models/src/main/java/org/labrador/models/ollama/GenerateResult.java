package org.labrador.models.ollama;

/**
 * What a generation produced, with the statistics of Ollama's final {@code done} object
 * (durations in nanoseconds, 0 when not reported).
 *
 * @param text       the whole generated text
 * @param model      the model that generated it
 * @param doneReason Ollama's {@code done_reason} ({@code stop}, {@code length}); {@code length}
 *                   too when Labrador cut the generation at its time budget
 * @param stoppedBy  why Labrador stopped the generation early, or null when the model finished
 */
public record GenerateResult(String text, String model, String doneReason, long totalDuration, long loadDuration,
                             long promptEvalCount, long promptEvalDuration, long evalCount, long evalDuration,
                             Cancellation.Reason stoppedBy) {

    /** Whether Labrador, not the model, ended the generation. */
    public boolean stoppedEarly() {
        return stoppedBy != null;
    }
}
