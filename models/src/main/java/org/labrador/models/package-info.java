/**
 * Talking to models: the Ollama chat model ({@link org.labrador.models.ollama}), a GGUF model run by
 * llama.cpp in this process ({@link org.labrador.models.embedded}), and the in-process embedding model
 * ({@link org.labrador.models.embedding}).
 */
package org.labrador.models;
