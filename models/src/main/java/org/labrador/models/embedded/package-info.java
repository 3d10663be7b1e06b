/**
 * Models run inside this process by llama.cpp, through the {@code de.kherud:llama} binding (which
 * carries llama.cpp's native library for Linux, macOS and Windows): Labrador's engine where no Ollama
 * runs. {@link org.labrador.models.embedded.EmbeddedEngine} loads a GGUF file and serves chat and
 * generation with the model's own tokenizer, chat template and context window;
 * {@link org.labrador.models.embedded.EmbeddedModels} lists it as Ollama lists its models;
 * {@link org.labrador.models.embedded.GgufMetadata} reads a GGUF header in Java so that a damaged
 * file is refused before native code reads it.
 *
 * <p>No binding type leaks out of this package.
 */
package org.labrador.models.embedded;
