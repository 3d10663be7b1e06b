package org.labrador.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labrador.models.ollama.ModelStatus.State;
import org.labrador.models.ollama.testing.OllamaProtocolServer;

class OllamaChatStatusTest {

    private final OllamaProtocolServer server = OllamaProtocolServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void readyWhenTheServerHasTheModel() {
        server.models("llama3.2:latest", "qwen2.5:3b").version("0.12.6");

        ModelStatus status = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b")).status();

        assertThat(status).isEqualTo(new ModelStatus(server.baseUrl(), "qwen2.5:3b", State.READY, "0.12.6", ""));
        assertThat(status.ready()).isTrue();
    }

    @Test
    void aNameWithoutTagMatchesTheLatestTag() {
        server.models("llama3.2:latest");

        assertThat(new OllamaChat(OllamaSettings.of(server.baseUrl(), "llama3.2")).status().state())
                .isEqualTo(State.READY);
        assertThat(new OllamaChat(OllamaSettings.of(server.baseUrl(), "llama3.2:1b")).status().state())
                .isEqualTo(State.MODEL_MISSING);
    }

    @Test
    void modelMissingTellsHowToPullItAndWhatIsThere() {
        server.models("llama3.2:latest", "mistral:7b");

        ModelStatus status = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b")).status();

        assertThat(status.state()).isEqualTo(State.MODEL_MISSING);
        assertThat(status.version()).isEqualTo(OllamaProtocolServer.DEFAULT_VERSION);
        assertThat(status.notice()).isEqualTo("Ollama is running at " + server.baseUrl()
                + " but the model qwen2.5:3b is not pulled. Run `ollama pull qwen2.5:3b`,"
                + " or set labrador.ollama.model to one of: llama3.2:latest, mistral:7b.");
    }

    @Test
    void unreachableWhenNothingListens() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        ModelStatus status = new OllamaChat(OllamaSettings.of(url, "qwen2.5:3b")).status();

        assertThat(status.state()).isEqualTo(State.UNREACHABLE);
        assertThat(status.version()).isEmpty();
        assertThat(status.notice()).isEqualTo("No Ollama server answers at " + url
                + ". Start one with `ollama serve` and pull the model with `ollama pull qwen2.5:3b`,"
                + " or set labrador.ollama.base-url.");
    }

    @Test
    void statusIsCachedBrieflyAndThenRecovers() {
        server.models("llama3.2:latest");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
        InstantSource clock = now::get;
        OllamaChat chat = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b"), clock);

        assertThat(chat.status().state()).isEqualTo(State.MODEL_MISSING);
        int requestsAfterFirstCheck = server.requests().size();

        server.models("llama3.2:latest", "qwen2.5:3b"); // the user runs `ollama pull`
        now.set(now.get().plusSeconds(1));
        assertThat(chat.status().state()).as("still cached").isEqualTo(State.MODEL_MISSING);
        assertThat(server.requests()).hasSize(requestsAfterFirstCheck);

        now.set(now.get().plus(OllamaChat.STATUS_TTL));
        assertThat(chat.status().state()).isEqualTo(State.READY);
    }

    @Test
    void refreshStatusAsksTheServerAtOnce() {
        server.models();
        OllamaChat chat = new OllamaChat(OllamaSettings.of(server.baseUrl(), "qwen2.5:3b"));
        assertThat(chat.status().notice()).endsWith("one of: (no models pulled yet).");

        server.models("qwen2.5:3b");

        assertThat(chat.refreshStatus().state()).isEqualTo(State.READY);
        assertThat(chat.status().state()).isEqualTo(State.READY);
    }

    @Test
    void settingsFillInDefaults() {
        OllamaSettings settings = new OllamaSettings(" ", null, null, Duration.ZERO);

        assertThat(settings).isEqualTo(new OllamaSettings("http://localhost:11434", "qwen2.5:3b",
                Duration.ofMinutes(5), Duration.ofSeconds(2)));
        assertThat(OllamaSettings.of("http://gpu-box:11434/", "llama3").baseUrl()).isEqualTo("http://gpu-box:11434");
    }

    @Test
    void modelNamesMatchByOllamasTagRule() {
        assertThat(OllamaChat.sameModel("llama3", "llama3:latest")).isTrue();
        assertThat(OllamaChat.sameModel("llama3:latest", "llama3")).isTrue();
        assertThat(OllamaChat.sameModel("qwen2.5:3b", "qwen2.5:3b")).isTrue();
        assertThat(OllamaChat.sameModel("qwen2.5", "qwen2.5:3b")).isFalse();
        // A registry port is not a tag.
        assertThat(OllamaChat.sameModel("registry:5000/team/model", "registry:5000/team/model:latest")).isTrue();
    }

    /** A port on which nothing listens: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
