package org.labrador.models.backends;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ContextWindow;
import org.labrador.models.ModelListing;
import org.labrador.models.TextGenerator;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.GenerateResult;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ollama.ModelUnavailableException;
import org.labrador.models.ollama.OllamaStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several servers that run the same model, seen as one {@link #chat() chat model} and one
 * {@link #completion() text generator}:
 * <ul>
 *   <li>health: each server's status is checked every {@code checkEvery}; a server that is not ready
 *       gets no request until a check finds it ready again;</li>
 *   <li>failover: a request that fails before its first piece of text is tried on the next healthy
 *       server (not one the request itself got wrong: a 4xx other than 404/408/429 is the request's);
 *       after the first piece, the failure is the caller's to see;</li>
 *   <li>limits and turns: each server takes at most {@link Backend#maxConcurrent()} requests at once;
 *       chats and completions together; those waiting for a slot are served in turns between requesters
 *       ({@link ChatOptions#requester()}) and told their place in line; completions, which come without a
 *       person, take their turns together as one more requester, and give up when their cancellation's
 *       time budget runs out.</li>
 * </ul>
 * Thread-safe; close it to stop the health checks.
 */
public final class Backends implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);
    /** The queue's name for code completions, which come without a person: they take their turns together. */
    private static final String COMPLETIONS = "\u0000completions";

    private final List<Backend> backends;
    private final AtomicIntegerArray healthy;
    /** The servers' slots, shared by chats and completions: a server's limit holds for both together. */
    private final FairQueue slots;
    private final Duration maxWait;
    private final ScheduledExecutorService checker;

    /**
     * @param checkEvery how often each server's health is checked
     * @param maxWait    how long a request may wait for a slot before it fails
     */
    public Backends(List<Backend> backends, Duration checkEvery, Duration maxWait) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("at least one model server is needed");
        }
        this.backends = List.copyOf(backends);
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        int[] limits = this.backends.stream().mapToInt(Backend::maxConcurrent).toArray();
        this.slots = new FairQueue(limits);
        this.healthy = new AtomicIntegerArray(this.backends.size());
        for (int i = 0; i < this.backends.size(); i++) {
            healthy.set(i, 1); // until a check says otherwise: the first request need not wait for one
        }
        this.checker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("model-health").factory());
        checker.scheduleWithFixedDelay(this::checkAll, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Backend> backends() {
        return backends;
    }

    /** Whether server {@code i} gets requests now. */
    public boolean healthy(int i) {
        return healthy.get(i) == 1;
    }

    /** Chats and completions waiting for a slot now. */
    public int waiting() {
        return slots.waiting();
    }

    /** Requests in flight on server {@code i} now. */
    public int inFlight(int i) {
        return slots.inFlight(i);
    }

    void checkAll() {
        for (int i = 0; i < backends.size(); i++) {
            check(i);
        }
    }

    private boolean check(int i) {
        boolean ready;
        try {
            ready = backends.get(i).chat().refreshStatus().ready();
        } catch (RuntimeException e) {
            ready = false;
        }
        int before = healthy.getAndSet(i, ready ? 1 : 0);
        if (before != (ready ? 1 : 0)) {
            log.info("Model server {} is {}", backends.get(i).label(), ready ? "healthy again" : "not ready: skipped");
            slots.wakeAll();
        }
        return ready;
    }

    /** The servers' chat models as one. */
    public ChatModel chat() {
        return new PooledChat();
    }

    /** The servers' completions as one. */
    public TextGenerator completion() {
        return this::generate;
    }

    /**
     * The models of every healthy server, each name once; {@code show} asks the servers in turn. A server
     * that does not answer is left out of the list.
     */
    public ModelListing models() {
        return new ModelListing() {
            @Override
            public List<InstalledModel> list() throws ModelUnavailableException {
                Map<String, InstalledModel> byName = new LinkedHashMap<>();
                ModelUnavailableException failure = null;
                for (int i = 0; i < backends.size(); i++) {
                    if (!healthy(i)) {
                        continue;
                    }
                    try {
                        for (InstalledModel model : backends.get(i).models().list()) {
                            byName.putIfAbsent(model.name(), model);
                        }
                    } catch (ModelUnavailableException e) {
                        failure = e;
                    }
                }
                if (byName.isEmpty() && failure != null) {
                    throw failure;
                }
                return List.copyOf(byName.values());
            }

            @Override
            public Optional<Map<String, Object>> show(String model) throws ModelUnavailableException {
                for (int i = 0; i < backends.size(); i++) {
                    if (healthy(i)) {
                        Optional<Map<String, Object>> shown = backends.get(i).models().show(model);
                        if (shown.isPresent()) {
                            return shown;
                        }
                    }
                }
                return Optional.empty();
            }
        };
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    /** Whether a failure says the server, not the request, is at fault (so another server may do better). */
    private static boolean serversFault(ModelUnavailableException e) {
        if (e instanceof OllamaStatusException status) {
            int code = status.httpStatus();
            return code >= 500 || code == 404 || code == 408 || code == 429;
        }
        return true;
    }

    private final class PooledChat implements ChatModel {

        @Override
        public String name() {
            return backends.getFirst().chat().name();
        }

        /** Ready when any server is; otherwise the first server's status, whose notice is the fix. */
        @Override
        public ModelStatus status() {
            ModelStatus first = null;
            for (int i = 0; i < backends.size(); i++) {
                ModelStatus status = backends.get(i).chat().status();
                if (status.ready()) {
                    return status;
                }
                first = first == null ? status : first;
            }
            return first;
        }

        @Override
        public ModelStatus refreshStatus() {
            checkAll();
            return status();
        }

        /** The smallest window of the servers: a prompt fitted to it fits wherever it goes. */
        @Override
        public ContextWindow contextWindow() {
            ContextWindow smallest = null;
            for (Backend backend : backends) {
                ContextWindow window = backend.chat().contextWindow();
                smallest = smallest == null || window.tokens() < smallest.tokens() ? window : smallest;
            }
            return smallest;
        }

        @Override
        public ChatReply chat(List<ChatMessage> messages, ChatOptions options, Cancellation cancellation,
                              Consumer<String> onToken) throws ModelUnavailableException {
            ChatOptions asked = options == null ? ChatOptions.DEFAULTS : options;
            Set<Integer> tried = new HashSet<>();
            ModelUnavailableException last = null;
            while (true) {
                if (!anyAcceptable(tried)) {
                    throw last != null ? last : new ModelUnavailableException(status(), null);
                }
                FairQueue.Lease lease = acquire(asked.requester(), tried, asked, cancellation);
                if (lease == null && cancellation.isCancelled()) {
                    return new ChatReply("", name(), 0, 0, Duration.ZERO);
                }
                if (lease == null) {
                    throw new ModelUnavailableException("Every model server stayed busy for " + maxWait.toSeconds()
                            + " s; try again in a moment.", null);
                }
                Backend backend = backends.get(lease.server());
                AtomicBoolean started = new AtomicBoolean();
                try {
                    return backend.chat().chat(messages, asked, cancellation, piece -> {
                        started.set(true);
                        onToken.accept(piece);
                    });
                } catch (ModelUnavailableException e) {
                    if (started.get() || !serversFault(e)) {
                        throw e;
                    }
                    log.warn("Model server {} failed before answering ({}); trying another", backend.label(), e.getMessage());
                    tried.add(lease.server());
                    check(lease.server());
                    last = e;
                } finally {
                    lease.release();
                }
            }
        }
    }

    private GenerateResult generate(GenerateRequest request, Cancellation cancellation, Consumer<String> onToken)
            throws ModelUnavailableException {
        Set<Integer> tried = new HashSet<>();
        ModelUnavailableException last = null;
        while (true) {
            if (!anyAcceptable(tried)) {
                throw last != null ? last : new ModelUnavailableException(
                        "No model server is ready for " + request.model() + ": " + backends.getFirst().label()
                                + (backends.size() > 1 ? " and the others" : "") + " failed their health checks.", null);
            }
            FairQueue.Lease lease = acquire(COMPLETIONS, tried, ChatOptions.DEFAULTS, cancellation);
            if (lease == null) {
                Cancellation.Reason reason = cancellation.reason();
                return new GenerateResult("", request.model(), "cancelled", 0, 0, 0, 0, 0, 0,
                        reason != null ? reason : Cancellation.Reason.TIME_BUDGET);
            }
            Backend backend = backends.get(lease.server());
            AtomicBoolean started = new AtomicBoolean();
            try {
                return backend.completion().generate(request, cancellation, piece -> {
                    started.set(true);
                    onToken.accept(piece);
                });
            } catch (ModelUnavailableException e) {
                if (started.get() || !serversFault(e)) {
                    throw e;
                }
                log.warn("Model server {} failed a completion before answering ({}); trying another", backend.label(),
                        e.getMessage());
                tried.add(lease.server());
                check(lease.server());
                last = e;
            } finally {
                lease.release();
            }
        }
    }

    private boolean anyAcceptable(Set<Integer> tried) {
        for (int i = 0; i < backends.size(); i++) {
            if (healthy(i) && !tried.contains(i)) {
                return true;
            }
        }
        return false;
    }

    private FairQueue.Lease acquire(String requester, Set<Integer> tried, ChatOptions options,
                                    Cancellation cancellation) throws ModelUnavailableException {
        try {
            return slots.acquire(requester, i -> healthy(i) && !tried.contains(i), options.onQueuePosition(),
                    cancellation, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("Interrupted while waiting for a model server.", e);
        }
    }
}
