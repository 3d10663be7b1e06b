package org.labrador.chatserver.ask;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.retrieval.ReadAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/v1/ask}: the answer as one JSON object, or with {@code Accept: text/event-stream}
 * as server-sent events: {@code queue} events ({"position": n}, 0 when a model server takes it) while the
 * question waits for a busy model server, {@code token} events ({"text": …}) while the answer streams, an
 * optional {@code notice}, then {@code citations} (the array) and {@code done} (the whole answer object).
 */
@RestController
public class AskController {

    private static final Logger log = LoggerFactory.getLogger(AskController.class);
    private static final long STREAM_TIMEOUT_MS = 10 * 60 * 1000L;

    /** The request body; only {@code question} is required. */
    public record AskRequest(String question, List<Exchange> history, Set<String> sources, Long conversation) {
        public AskRequest {
            history = history == null ? List.of() : List.copyOf(history);
            sources = sources == null ? Set.of() : Set.copyOf(sources);
        }
    }

    private final AskService askService;
    private final Callers callers;
    private final ConversationStore conversations;
    private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

    public AskController(AskService askService, Callers callers, ConversationStore conversations) {
        this.askService = askService;
        this.callers = callers;
        this.conversations = conversations;
    }

    /** Keeps the answer in the caller's conversation (a new one unless the request names one of theirs). */
    private Answer recorded(UserAccount caller, AskRequest request, Answer answer) {
        ConversationStore.Recorded at = conversations.record(caller.id(), request.conversation(), request.question(), answer);
        return answer.recordedAs(at.conversationId(), at.exchangeId());
    }

    @PostMapping(path = "/api/v1/ask", produces = MediaType.APPLICATION_JSON_VALUE)
    public Answer ask(@RequestBody AskRequest request) {
        UserAccount caller = callers.current();
        return recorded(caller, request, askService.ask(request.question(), request.history(), request.sources(),
                ReadAccess.groups(caller.groups()), new AnswerSink() {
                    @Override
                    public void token(String text) {
                    }

                    @Override
                    public String asker() {
                        return caller.username();
                    }
                }));
    }

    @PostMapping(path = "/api/v1/ask", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter askStreaming(@RequestBody AskRequest request) {
        askService.check(request.question(), request.history()); // refused with a status, before the stream opens
        UserAccount caller = callers.current(); // read on the request's thread, where the caller is known
        ReadAccess access = ReadAccess.groups(caller.groups());
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        // The client left, the stream failed or timed out: the answer is abandoned at its next step.
        AtomicBoolean closed = new AtomicBoolean();
        emitter.onCompletion(() -> closed.set(true));
        emitter.onTimeout(() -> closed.set(true));
        emitter.onError(e -> closed.set(true));
        streams.submit(() -> {
            try {
                Answer answer = askService.ask(request.question(), request.history(), request.sources(), access, new AnswerSink() {
                    @Override
                    public void token(String text) {
                        send(emitter, closed, "token", Map.of("text", text));
                    }

                    @Override
                    public void notice(String notice) {
                        send(emitter, closed, "notice", Map.of("notice", notice));
                    }

                    @Override
                    public String asker() {
                        return caller.username();
                    }

                    @Override
                    public void queued(int position) {
                        send(emitter, closed, "queue", Map.of("position", position));
                    }

                    @Override
                    public void checkWanted() {
                        if (closed.get()) {
                            throw new ClientGone(null);
                        }
                    }
                });
                send(emitter, closed, "citations", answer.citations());
                send(emitter, closed, "done", recorded(caller, request, answer));
                emitter.complete();
            } catch (ClientGone e) {
                log.debug("Client closed the stream; answer abandoned");
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("Streaming answer failed", e);
                try {
                    send(emitter, closed, "error", Map.of("error", e instanceof IllegalArgumentException
                            ? String.valueOf(e.getMessage()) : ApiErrors.INTERNAL));
                    emitter.complete();
                } catch (ClientGone gone) {
                    emitter.completeWithError(e);
                }
            }
        });
        return emitter;
    }

    private static void send(SseEmitter emitter, AtomicBoolean closed, String event, Object data) {
        if (closed.get()) {
            throw new ClientGone(null);
        }
        try {
            emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // The client went away (or the emitter timed out): stop producing the answer.
            throw new ClientGone(e);
        }
    }

    /** Thrown from the token callback to stop the model when nobody reads the stream any more. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(Exception cause) {
            super(cause);
        }
    }
}
