/**
 * The in-process embedding model (ONNX, no network): {@link
 * org.labrador.models.embedding.LocalEmbedding} names the model and carries the query
 * instruction it was trained with.
 */
package org.labrador.models.embedding;
