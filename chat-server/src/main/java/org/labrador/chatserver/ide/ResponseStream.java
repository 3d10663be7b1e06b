package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streamed response, written as the model produces it: Ollama's NDJSON (one JSON object per
 * line) or OpenAI's server-sent events ({@code data: {…}} blocks, then {@code data: [DONE]}). The
 * status and headers go out with the first write, so that an error before it can still be
 * answered with a proper status. A client that went away surfaces as {@link ClientGone}, which
 * stops the generation.
 */
final class ResponseStream {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResponseStream.class);

    /** The reader closed the connection. */
    static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    private final HttpServletResponse response;
    private final boolean sse;
    private OutputStream out;

    private ResponseStream(HttpServletResponse response, boolean sse) {
        this.response = response;
        this.sse = sse;
    }

    static ResponseStream ndjson(HttpServletResponse response) {
        return new ResponseStream(response, false);
    }

    static ResponseStream sse(HttpServletResponse response) {
        return new ResponseStream(response, true);
    }

    /** Whether anything was written, so the status can no longer change. */
    boolean started() {
        return out != null;
    }

    /** Writes one object: a line of NDJSON, or one {@code data:} event. */
    void send(Object object) {
        write(RequestBody.JSON.writeValueAsString(object));
    }

    /**
     * Ends the stream with an error. Before anything was written the error is thrown, so that it gets
     * a status of its own; after, {@code errorEvent} (the protocol's error shape) is the last thing
     * sent, then {@code [DONE]} when {@code thenDone}. A client that went away is not told.
     */
    void fail(Exception e, java.util.function.Function<Exception, Object> errorEvent, boolean thenDone) {
        if (e instanceof ClientGone) {
            return;
        }
        if (!started()) {
            throw e instanceof RuntimeException r ? r : new IdeException(IdeErrors.status(e), e.getMessage());
        }
        if (!(e instanceof IdeException || e instanceof org.labrador.models.ollama.ModelUnavailableException)) {
            log.warn("Stream failed", e);
        }
        try {
            send(errorEvent.apply(e));
            if (thenDone) {
                done();
            }
        } catch (ClientGone gone) {
            // nobody left to tell
        }
    }

    /** A whole JSON answer, for clients that asked not to stream. */
    static void writeJson(HttpServletResponse response, Object body) {
        response.setStatus(200);
        response.setContentType("application/json");
        try {
            response.getOutputStream().write(RequestBody.JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** OpenAI's end of stream: {@code data: [DONE]}. */
    void done() {
        write("[DONE]");
    }

    private void write(String payload) {
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType(sse ? "text/event-stream;charset=UTF-8" : "application/x-ndjson");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no"); // nginx in front must not hold the stream back
                out = response.getOutputStream();
            }
            String framed = sse ? "data: " + payload + "\n\n" : payload + "\n";
            out.write(framed.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
