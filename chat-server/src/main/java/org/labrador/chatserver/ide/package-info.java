/**
 * Labrador for code editors: Ollama- and OpenAI-compatible endpoints that IDE plugins (Continue,
 * Zed, llama.vscode, Twinny, JetBrains AI Assistant, the OpenAI SDK) call as if Labrador were
 * their model server.
 *
 * <p>Completions are filled in the middle by a code model, with the collaboration's code as
 * context: {@link org.labrador.chatserver.ide.RepositoryContext} finds what the code at the cursor
 * refers to, {@link org.labrador.chatserver.ide.FimFormat} writes the prompt in the model family's
 * own tokens, and {@link org.labrador.chatserver.ide.CompletionService} runs it with a time budget,
 * cancelling a client's older request when a newer one arrives. Chat answers are the web chat's
 * cited answers ({@link org.labrador.chatserver.ask.AskService}), ending with their sources.
 * {@link org.labrador.chatserver.ide.IdeCaller} is the one place that says who is calling.
 * The endpoints and their exact behaviour: {@code docs/ide.md}.
 */
package org.labrador.chatserver.ide;
