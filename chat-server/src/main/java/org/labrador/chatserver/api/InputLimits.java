package org.labrador.chatserver.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much one request may ask of the server, under {@code labrador.limits.}: the cost of a
 * question grows faster than its length (retrieval, then the model's prompt), so an unbounded one
 * lets a single caller hold a core for minutes.
 *
 * @param questionChars characters of a question (the web chat, {@code /api/v1/ask}, the last user
 *                      message of an IDE chat, {@code q} of {@code /api/v1/search}, the CLI)
 * @param promptChars   characters of everything a caller sends for one model prompt: an IDE chat's
 *                      messages together, a question with its history, or a completion's code before
 *                      and after the cursor with the context the editor sent along
 * @param requestBytes  bytes of one API request body, refused with 413 before it is parsed
 */
@ConfigurationProperties("labrador.limits")
public record InputLimits(
        @DefaultValue("8000") int questionChars,
        @DefaultValue("64000") int promptChars,
        @DefaultValue("1MB") DataSize requestBytes) {

    /** @throws IllegalArgumentException (a 400 in every API) for a question longer than allowed */
    public void checkQuestion(String question) {
        if (question != null && question.length() > questionChars) {
            throw new IllegalArgumentException("the question has " + question.length() + " characters; at most "
                    + questionChars + " are allowed (labrador.limits.question-chars)");
        }
    }

    /**
     * @param what what was too long, for the message ("the conversation", "the code around the cursor")
     * @throws IllegalArgumentException (a 400 in every API) for a prompt longer than allowed
     */
    public void checkPrompt(long chars, String what) {
        if (chars > promptChars) {
            throw new IllegalArgumentException(what + " has " + chars + " characters; at most " + promptChars
                    + " are allowed (labrador.limits.prompt-chars)");
        }
    }
}
