package org.labrador.models.ollama;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request for {@code POST /api/generate}, with the fields of Ollama's API that Labrador passes on.
 *
 * @param model     the model, as Ollama names it ({@code qwen2.5-coder:1.5b})
 * @param prompt    the prompt; with {@code raw} the complete text the model continues
 * @param suffix    text after the cursor for Ollama's own fill-in-the-middle template; null for none
 * @param raw       true to send the prompt as it is, without the model's template
 * @param system    system message replacing the model's, or null
 * @param options   model parameters ({@code num_predict}, {@code stop}, {@code temperature}, …), as JSON values
 * @param keepAlive how long Ollama keeps the model loaded ({@code "30m"} or seconds as a number), or null
 */
public record GenerateRequest(String model, String prompt, String suffix, boolean raw, String system,
                              Map<String, Object> options, Object keepAlive) {

    public GenerateRequest {
        Objects.requireNonNull(model, "model");
        prompt = prompt == null ? "" : prompt;
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A raw prompt: the caller has applied the model's format itself. */
    public static GenerateRequest raw(String model, String prompt, Map<String, Object> options) {
        return new GenerateRequest(model, prompt, null, true, null, options, null);
    }

    /** The same request with a different prompt. */
    public GenerateRequest withPrompt(String newPrompt) {
        return new GenerateRequest(model, newPrompt, suffix, raw, system, options, keepAlive);
    }
}
