/**
 * What every HTTP API of Labrador shares at its edge: the limits on what a request may carry
 * ({@link org.labrador.chatserver.api.InputLimits}, enforced on the body by
 * {@link org.labrador.chatserver.api.ApiRequestFilter}), and errors in the shape each protocol's
 * clients parse ({@link org.labrador.chatserver.api.ApiErrorShape}): Labrador's and Ollama's
 * {@code {"error": "…"}}, OpenAI's and llama.cpp server's {@code {"error": {…}}}, for Spring's own
 * refusals (malformed JSON, wrong method or content type) and for unknown paths too.
 */
package org.labrador.chatserver.api;
