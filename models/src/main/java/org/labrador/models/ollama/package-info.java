/**
 * The models served by Ollama. {@link org.labrador.models.ollama.OllamaChat} streams a chat reply
 * and reports whether the server and model are there ({@link org.labrador.models.ollama.ModelStatus}),
 * with the exact fix for the user when they are not. {@link org.labrador.models.ollama.OllamaGenerate}
 * streams {@code /api/generate} (raw prompts, suffixes, options) and stops at once on a
 * {@link org.labrador.models.ollama.Cancellation}; {@link org.labrador.models.ollama.OllamaModels}
 * lists the server's models and shows one, with every field Ollama sends.
 *
 * <p>Every call to the server goes through the ollama4j client ({@code io.github.ollama4j.Ollama}),
 * but one: {@code OllamaModelInfo} reads {@code model_info} of {@code /api/show} (the context
 * length), which ollama4j 1.1.6 drops, with the JDK's HTTP client and Jackson. Streamed calls run on
 * a thread of their own so that a {@link org.labrador.models.ollama.Cancellation} can stop them at
 * any moment (see {@code StreamedCall}). No client type leaks out of this package. Tokens are
 * counted with a safe estimate ({@code TokenEstimate}): Ollama has no tokenizing endpoint.
 */
package org.labrador.models.ollama;
