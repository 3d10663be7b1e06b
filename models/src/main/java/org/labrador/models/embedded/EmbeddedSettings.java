package org.labrador.models.embedded;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the embedded engine runs and with how much.
 *
 * @param modelFile     the GGUF file; null when not configured (the engine then says so in its status)
 * @param name          the name the model goes by in replies and model lists; null or blank for the
 *                      file's name without {@code .gguf} (so {@code qwen2.5-coder-1.5b-instruct-q4_k_m.gguf}
 *                      is {@code qwen2.5-coder-1.5b-instruct-q4_k_m}, which the fill-in-the-middle
 *                      formats recognise as Qwen2.5-Coder)
 * @param contextTokens the largest context window to run the model with, prompt and answer together:
 *                      the window is this or the model's trained context length, whichever is smaller
 *                      (default {@value #DEFAULT_CONTEXT_TOKENS}; memory for the key-value cache grows with it)
 * @param threads       CPU threads for generation; 0 for llama.cpp's choice (the physical cores)
 * @param parallel      requests run at once, each with the whole window; more wait their turn (default 1)
 */
public record EmbeddedSettings(Path modelFile, String name, int contextTokens, int threads, int parallel) {

    public static final int DEFAULT_CONTEXT_TOKENS = 8192;

    public EmbeddedSettings {
        modelFile = modelFile == null ? null : modelFile.toAbsolutePath().normalize();
        name = name == null || name.isBlank() ? defaultName(modelFile) : name.strip();
        contextTokens = contextTokens > 0 ? contextTokens : DEFAULT_CONTEXT_TOKENS;
        threads = Math.max(0, threads);
        parallel = Math.max(1, parallel);
    }

    /** The model file with every other setting at its default. */
    public static EmbeddedSettings of(Path modelFile) {
        return new EmbeddedSettings(modelFile, null, 0, 0, 1);
    }

    public EmbeddedSettings withContextTokens(int tokens) {
        return new EmbeddedSettings(modelFile, name, tokens, threads, parallel);
    }

    public EmbeddedSettings withParallel(int requests) {
        return new EmbeddedSettings(modelFile, name, contextTokens, threads, requests);
    }

    private static String defaultName(Path file) {
        String fileName = file == null || file.getFileName() == null ? "embedded" : file.getFileName().toString();
        return fileName.toLowerCase(Locale.ROOT).endsWith(".gguf")
                ? fileName.substring(0, fileName.length() - ".gguf".length()) : fileName;
    }
}
