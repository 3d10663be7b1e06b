/**
 * Talking to models: the Ollama chat model ({@link org.labrador.models.ollama}) and the
 * in-process embedding model ({@link org.labrador.models.embedding}).
 */
package org.labrador.models;
