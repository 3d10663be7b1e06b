package org.labrador.models.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ChatModel;
import org.labrador.models.ChatOptions;
import org.labrador.models.ollama.Cancellation;
import org.labrador.models.ollama.ChatMessage;
import org.labrador.models.ollama.ChatReply;
import org.labrador.models.ollama.GenerateRequest;
import org.labrador.models.ollama.OllamaChat;
import org.labrador.models.ollama.OllamaGenerate;
import org.labrador.models.ollama.OllamaModels;
import org.labrador.models.ollama.OllamaSettings;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.labrador.models.openai.OpenAiChat;
import org.labrador.models.openai.OpenAiGenerate;
import org.labrador.models.openai.OpenAiModels;
import org.labrador.models.openai.OpenAiSettings;
import org.labrador.models.openai.testing.OpenAiProtocolServer;

/**
 * Several model servers behind one model, as an institute runs them: requests go to the healthy
 * ones, fail over when one is down, never exceed a server's limit, and people take turns in the queue.
 */
class BackendsTest {

    private static final String MODEL = "qwen2.5-7b";
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private OpenAiProtocolServer server() {
        OpenAiProtocolServer server = OpenAiProtocolServer.start().models(MODEL);
        closing.add(server);
        return server;
    }

    private static Backend openAi(String baseUrl, int maxConcurrent) {
        OpenAiSettings settings = OpenAiSettings.of(baseUrl, MODEL);
        return new Backend(baseUrl, new OpenAiChat(settings), new OpenAiGenerate(settings), new OpenAiModels(settings),
                maxConcurrent);
    }

    private Backends backends(Backend... backends) {
        Backends pool = new Backends(List.of(backends), Duration.ofMillis(100), Duration.ofSeconds(30));
        closing.add(pool);
        return pool;
    }

    private static ChatReply ask(ChatModel chat, String who) throws Exception {
        return chat.chat(List.of(ChatMessage.user("What is the drift field?")), ChatOptions.DEFAULTS.by(who, p -> { }),
                new Cancellation(), piece -> { });
    }

    @Test
    void aServerThatIsDownIsSkippedAndTheOtherAnswers() throws Exception {
        OpenAiProtocolServer live = server().reply("From the live server.");
        // Nothing listens on port 9: connection refused, as for a crashed server.
        Backends pool = backends(openAi("http://127.0.0.1:9/v1", 4), openAi(live.baseUrl(), 4));

        for (int i = 0; i < 3; i++) {
            assertThat(ask(pool.chat(), "alice").text()).isEqualTo("From the live server.");
        }
        assertThat(live.answered()).isEqualTo(3);
        assertThat(pool.healthy(0)).isFalse();
        assertThat(pool.chat().status().ready()).isTrue();
    }

    @Test
    void aServerFailingBeforeItsFirstTokenIsRetriedElsewhere() throws Exception {
        OpenAiProtocolServer failing = server().failWith(500);
        OpenAiProtocolServer good = server().reply("Answered after failover.");
        Backends pool = backends(openAi(failing.baseUrl(), 4), openAi(good.baseUrl(), 4));

        for (int i = 0; i < 4; i++) {
            assertThat(ask(pool.chat(), "alice").text()).isEqualTo("Answered after failover.");
        }
        assertThat(good.answered()).isEqualTo(4);
        // Completions fail over the same way.
        assertThat(pool.completion().generate(GenerateRequest.raw(MODEL, "def f():", Map.of()), new Cancellation(),
                piece -> { }).text()).isEqualTo("Answered after failover.");
    }

    @Test
    void anUnhealthyServerGetsRequestsAgainWhenItRecovers() throws Exception {
        OpenAiProtocolServer flaky = server().models("some-other-model"); // answers, but lacks the model
        OpenAiProtocolServer steady = server();
        Backends pool = backends(openAi(flaky.baseUrl(), 4), openAi(steady.baseUrl(), 4));
        awaitHealthy(pool, 0, false);
        for (int i = 0; i < 4; i++) {
            ask(pool.chat(), "alice");
        }
        assertThat(flaky.requests()).isEmpty();

        flaky.models(MODEL);
        awaitHealthy(pool, 0, true);
        for (int i = 0; i < 8; i++) {
            ask(pool.chat(), "alice");
        }
        assertThat(flaky.answered()).as("the recovered server takes its share again").isPositive();
    }

    @Test
    void noServerEverHasMoreRequestsThanItsLimit() throws Exception {
        OpenAiProtocolServer small = server().tokenDelay(Duration.ofMillis(10));
        OpenAiProtocolServer large = server().tokenDelay(Duration.ofMillis(10));
        Backends pool = backends(openAi(small.baseUrl(), 1), openAi(large.baseUrl(), 3));
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChatReply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String who = "user-" + i;
                replies.add(users.submit(() -> ask(pool.chat(), who)));
            }
            for (Future<ChatReply> reply : replies) {
                assertThat(reply.get().text()).isEqualTo("An answer from the model server.");
            }
        }
        assertThat(small.mostInFlight()).isEqualTo(1);
        assertThat(large.mostInFlight()).isBetween(2, 3);
        assertThat(small.answered() + large.answered()).isEqualTo(16);
    }

    @Test
    void chatsAndCompletionsTogetherKeepToTheServersLimit() throws Exception {
        OpenAiProtocolServer server = server().tokenDelay(Duration.ofMillis(10));
        Backends pool = backends(openAi(server.baseUrl(), 2));
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String who = "user-" + i;
                all.add(users.submit(() -> ask(pool.chat(), who)));
                all.add(users.submit(() -> pool.completion().generate(GenerateRequest.raw(MODEL, "def f():", Map.of()),
                        new Cancellation(), piece -> { })));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(server.answered()).isEqualTo(12);
        assertThat(server.mostInFlight()).isEqualTo(2);
    }

    @Test
    void peopleTakeTurnsSoOnesBurstDoesNotStarveAnother() throws Exception {
        OpenAiProtocolServer server = server().tokenDelay(Duration.ofMillis(15));
        Backends pool = backends(openAi(server.baseUrl(), 1));
        List<Integer> bobsPositions = new CopyOnWriteArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                all.add(users.submit(() -> pool.chat().chat(List.of(ChatMessage.user("alice " + n)),
                        ChatOptions.DEFAULTS.by("alice", p -> { }), new Cancellation(), piece -> { })));
                // Alice's burst arrives in order: each question is in the pool before the next is sent (a fixed pause
                // let "alice 1" overtake "alice 0" on a busy machine).
                if (n == 0) {
                    awaitInFlight(pool);
                } else {
                    awaitWaiting(pool, n);
                }
            }
            all.add(users.submit(() -> pool.chat().chat(List.of(ChatMessage.user("bob")),
                    ChatOptions.DEFAULTS.by("bob", bobsPositions::add), new Cancellation(), piece -> { })));
            for (Future<?> f : all) {
                f.get();
            }
        }
        List<String> served = server.requests().stream()
                .map(request -> request.path("messages").get(0).path("content").asString()).toList();
        // Bob arrived after alice's ten, but waits for at most one more of hers, not nine.
        assertThat(served).hasSize(11);
        assertThat(served.indexOf("bob")).isLessThanOrEqualTo(2);
        assertThat(bobsPositions.getFirst()).isEqualTo(1);
        assertThat(bobsPositions.getLast()).isZero();
        // Alice's own questions keep their order.
        assertThat(served.stream().filter(q -> q.startsWith("alice")).toList())
                .containsExactly("alice 0", "alice 1", "alice 2", "alice 3", "alice 4", "alice 5", "alice 6", "alice 7",
                        "alice 8", "alice 9");
    }

    @Test
    void theQueuePositionCountsDownToZero() throws Exception {
        OpenAiProtocolServer server = server().tokenDelay(Duration.ofMillis(20));
        Backends pool = backends(openAi(server.baseUrl(), 1));
        List<Integer> positions = new CopyOnWriteArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> ahead = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String who = "user-" + i;
                ahead.add(users.submit(() -> ask(pool.chat(), who)));
            }
            awaitWaiting(pool, 2);
            ChatReply mine = pool.chat().chat(List.of(ChatMessage.user("mine")), ChatOptions.DEFAULTS.by("me", positions::add),
                    new Cancellation(), piece -> { });
            assertThat(mine.text()).isNotEmpty();
            for (Future<?> f : ahead) {
                f.get();
            }
        }
        assertThat(positions.getFirst()).isEqualTo(3);
        assertThat(positions).containsSubsequence(3, 2, 1, 0).endsWith(0);
    }

    @Test
    void aCancelledWaiterLeavesTheQueueWithoutTakingASlot() throws Exception {
        OpenAiProtocolServer server = server().tokenDelay(Duration.ofMillis(50));
        Backends pool = backends(openAi(server.baseUrl(), 1));
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ChatReply> first = users.submit(() -> ask(pool.chat(), "alice"));
            awaitInFlight(pool);
            Cancellation gone = new Cancellation();
            Future<ChatReply> waiting = users.submit(() -> pool.chat().chat(List.of(ChatMessage.user("q")),
                    ChatOptions.DEFAULTS.by("bob", p -> { }), gone, piece -> { }));
            awaitWaiting(pool, 1);
            gone.cancel(Cancellation.Reason.CLIENT_GONE);
            assertThat(waiting.get().text()).isEmpty();
            assertThat(pool.waiting()).isZero();
            first.get();
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void ollamaAndOpenAiServersServeTheSameModelTogether() throws Exception {
        OllamaProtocolServer ollama = OllamaProtocolServer.start().models(MODEL + ":latest").reply("From Ollama.");
        closing.add(ollama);
        OpenAiProtocolServer vllm = server().reply("From vLLM.");
        Backend local = new Backend(ollama.baseUrl(), new OllamaChat(OllamaSettings.of(ollama.baseUrl(), MODEL)),
                new OllamaGenerate(ollama.baseUrl(), Duration.ofSeconds(2)), new OllamaModels(ollama.baseUrl(),
                Duration.ofSeconds(2)), 1);
        Backends pool = backends(local, openAi(vllm.baseUrl(), 1));
        List<String> texts = new CopyOnWriteArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String who = "user-" + i;
                all.add(users.submit(() -> texts.add(ask(pool.chat(), who).text())));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(texts).contains("From Ollama.", "From vLLM.").hasSize(6);
        // IDE plugins see the model once, from whichever server lists it.
        assertThat(pool.models().list()).extracting(m -> m.name()).containsOnlyOnce(MODEL + ":latest", MODEL);
    }

    private static void awaitHealthy(Backends pool, int server, boolean healthy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.healthy(server) != healthy) {
            assertThat(System.nanoTime()).as("server %d healthy=%s in time", server, healthy).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitWaiting(Backends pool, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.waiting() < count) {
            assertThat(System.nanoTime()).as("%d requests waiting in time", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitInFlight(Backends pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.inFlight(0) == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
