package org.labrador.models.embedded;

import de.kherud.llama.InferenceParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ollama's model options ({@code options} of {@code /api/generate}) as llama.cpp's inference
 * parameters. Those with a llama.cpp counterpart are passed on: {@code temperature}, {@code top_k},
 * {@code top_p}, {@code min_p}, {@code seed}, {@code repeat_penalty}, {@code repeat_last_n},
 * {@code presence_penalty}, {@code frequency_penalty} and {@code stop}; {@code num_predict} and
 * {@code num_ctx} are the engine's to apply; others (GPU and thread settings, {@code mirostat})
 * are ignored, as llama.cpp's server ignores unknown fields.
 */
final class GenerationOptions {

    private GenerationOptions() {
    }

    /** {@code num_predict}, or 0 when absent or not positive (Ollama's -1 and -2: as long as the window allows). */
    static int maxTokens(Map<String, Object> options) {
        return options.get("num_predict") instanceof Number n && n.longValue() > 0
                ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : 0;
    }

    /** {@code num_ctx}, or 0 when absent or not positive. */
    static int contextTokens(Map<String, Object> options) {
        return options.get("num_ctx") instanceof Number n && n.longValue() > 0
                ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : 0;
    }

    static InferenceParameters apply(Map<String, Object> options, InferenceParameters parameters) {
        options.forEach((key, value) -> {
            if (value instanceof Number n) {
                switch (key) {
                    case "temperature" -> parameters.setTemperature(n.floatValue());
                    case "top_k" -> parameters.setTopK(n.intValue());
                    case "top_p" -> parameters.setTopP(n.floatValue());
                    case "min_p" -> parameters.setMinP(n.floatValue());
                    case "seed" -> parameters.setSeed(n.intValue());
                    case "repeat_penalty" -> parameters.setRepeatPenalty(n.floatValue());
                    case "repeat_last_n" -> parameters.setRepeatLastN(n.intValue());
                    case "presence_penalty" -> parameters.setPresencePenalty(n.floatValue());
                    case "frequency_penalty" -> parameters.setFrequencyPenalty(n.floatValue());
                    default -> { }
                }
            }
        });
        List<String> stop = stopStrings(options.get("stop"));
        if (!stop.isEmpty()) {
            parameters.setStopStrings(stop.toArray(String[]::new));
        }
        return parameters;
    }

    private static List<String> stopStrings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s && !s.isEmpty()) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.stream().filter(s -> s instanceof String && !((String) s).isEmpty()).forEach(s -> out.add((String) s));
        }
        return out;
    }
}
