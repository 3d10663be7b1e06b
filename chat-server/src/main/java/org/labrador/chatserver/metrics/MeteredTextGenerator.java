package org.labrador.chatserver.metrics;

import java.util.function.Consumer;
import org.labrador.models.TextGenerator;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.ModelUnavailableException;

/** A {@link TextGenerator} that records each completion in {@link ModelMeters}. */
final class MeteredTextGenerator implements TextGenerator {

    private final TextGenerator generator;
    private final LabradorMeters meters;

    MeteredTextGenerator(TextGenerator generator, LabradorMeters meters) {
        this.generator = generator;
        this.meters = meters;
    }

    @Override
    public GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        // Completion models are chosen per request by the IDE, so their meters are looked up per call.
        ModelMeters.Call call = meters.model("completion", request.model()).start();
        try {
            GenerateResult result = generator.generate(request, cancellation, call.counting(onToken));
            call.promptRead(result.promptEvalCount());
            call.finished(result.stoppedEarly() ? "cancelled" : "ok", result.evalCount());
            return result;
        } catch (ModelUnavailableException | RuntimeException e) {
            call.finished("error", 0);
            throw e;
        }
    }
}
