/**
 * The chat model, served by Ollama: {@link org.labrador.models.ollama.OllamaChat} streams a reply
 * and reports whether the server and model are there ({@link org.labrador.models.ollama.ModelStatus}),
 * with the exact fix for the user when they are not.
 *
 * <p>Built on the ollama4j client ({@code io.github.ollama4j.Ollama}); ollama4j types do not leak
 * out of this package.
 */
package org.labrador.models.ollama;
