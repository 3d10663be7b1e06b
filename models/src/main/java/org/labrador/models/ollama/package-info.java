/**
 * The models served by Ollama. {@link org.labrador.models.ollama.OllamaChat} streams a chat reply
 * and reports whether the server and model are there ({@link org.labrador.models.ollama.ModelStatus}),
 * with the exact fix for the user when they are not. {@link org.labrador.models.ollama.OllamaGenerate}
 * streams {@code /api/generate} (raw prompts, suffixes, options) and stops at once on a
 * {@link org.labrador.models.ollama.Cancellation}; {@link org.labrador.models.ollama.OllamaModels}
 * lists the server's models and shows one, with every field Ollama sends.
 *
 * <p>The chat is built on the ollama4j client ({@code io.github.ollama4j.Ollama}); generation and
 * model listing speak Ollama's HTTP protocol directly (see {@code OllamaGenerate} for why). No
 * client type leaks out of this package.
 */
package org.labrador.models.ollama;
