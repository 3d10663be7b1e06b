package org.labrador.chatserver.ide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the IDE endpoint tests: the application on a random port with three sources, the fixture
 * docs folder ({@code fixtures}), a small Git repository of analysis code ({@code analysis}), and
 * one open only to the group lz ({@code lz-code}, which the test's caller may not read), in front of an in-process server speaking Ollama's protocol with a chat model and code models
 * of every fill-in-the-middle family.
 */
abstract class IdeServerTest {

    static final String CHAT_MODEL = "qwen2.5:3b";
    static final String CODER = "qwen2.5-coder:1.5b";
    static final List<String> MODELS = List.of(CHAT_MODEL, CODER, "starcoder2:3b", "codellama:7b-code",
            "deepseek-coder:1.3b", "codestral:22b", "llama3.2:3b");
    static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start()
            .models(MODELS.toArray(String[]::new)).reply(IdeServerTest::citingReply);
    private static final Path REPOSITORY = tempDir("labrador-ide-repo");
    /** A repository open only to the group lz, which the test's coder is not in. */
    private static final Path LZ_REPOSITORY = tempDir("labrador-ide-lz-repo");
    /** Found only in the lz repository: it must never reach a prompt of the coder's. */
    static final String LZ_SECRET = "LZ_SECRET_S1_CUT";
    private static final Path DATA_DIR = tempDir("labrador-ide-data");

    /** The definition a completion in {@code selection.py} needs, in another file of the repository. */
    static final String CUTS_PY = """
            \"\"\"Selection cuts for the science run.\"\"\"

            S1_AREA_MIN = 3.0  # PE, smallest S1 considered
            S2_AREA_MIN = 200.0


            def passes_s1(area):
                \"\"\"True when a peak is large enough to be an S1.\"\"\"
                return area >= S1_AREA_MIN


            def drift_time_window(drift_time, low=2.0, high=750.0):
                \"\"\"True when the drift time (us) lies in the fiducial window.\"\"\"
                return low <= drift_time <= high
            """;

    @Autowired
    SyncService syncService;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @LocalServerPort
    int port;

    private String token;

    /** The repository lookup's budget; the benchmark sets the shipped one. */
    static volatile String contextBudget = "5s";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (!Files.exists(REPOSITORY.resolve(".git"))) {
            commit("analysis/cuts.py", CUTS_PY);
            commit("analysis/plots.py", "import matplotlib.pyplot as plt\n\n\ndef waveform(peak):\n    plt.plot(peak.data)\n");
            // The same names as the analysis code, so that only the permission check keeps it out.
            commit(LZ_REPOSITORY, "lz/cuts.py", LZ_SECRET + " = 7.5  # S1 area threshold of LZ\n\n\ndef passes_s1(area):\n"
                    + "    return area >= " + LZ_SECRET + "\n\n\ndef select(peaks):\n    return [p for p in peaks if passes_s1(p.area)]\n");
        }
        registry.add("labrador.data-dir", DATA_DIR::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "fixtures");
        registry.add("labrador.sources[0].kind", () -> "docs");
        registry.add("labrador.sources[0].path", () -> fixtureDocs().toString());
        registry.add("labrador.sources[1].name", () -> "analysis");
        registry.add("labrador.sources[1].kind", () -> "git");
        registry.add("labrador.sources[1].path", REPOSITORY::toString);
        registry.add("labrador.sources[2].name", () -> "lz-code");
        registry.add("labrador.sources[2].kind", () -> "git");
        registry.add("labrador.sources[2].path", LZ_REPOSITORY::toString);
        registry.add("labrador.sources[2].groups[0]", () -> "lz");
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> CHAT_MODEL);
        // A cold JVM embeds its first queries slowly; the tests check what reaches the model, not speed.
        registry.add("labrador.ide.context-budget", () -> contextBudget);
        registry.add("labrador.ide.completion-timeout", () -> "3s");
    }

    /** Calls as a signed-in reader, with a personal API token as IDE plugins send it. */
    IdeHttp http() {
        if (token == null) {
            if (accounts.find("coder").isEmpty()) {
                accounts.create("coder", "correct horse battery", Role.READER, List.of());
            }
            token = tokens.create("coder", "ide test").secret();
        }
        return new IdeHttp("http://localhost:" + port, token);
    }

    /** Calls without a token, as a browser or a plugin not yet set up. */
    IdeHttp anonymous() {
        return new IdeHttp("http://localhost:" + port, null);
    }

    void sync() {
        try {
            syncService.syncNow(null, p -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cites the numbered source that mentions "cuts.yaml", like a well-behaved model. */
    static String citingReply(List<OllamaProtocolServer.Message> messages) {
        String prompt = messages.getLast().content();
        Matcher source = Pattern.compile("(?s)\\[(\\d+)] [^\\n]*\\n((?:(?!\\n\\[\\d+] ).)*)").matcher(prompt);
        while (source.find()) {
            if (source.group(2).contains("cuts.yaml")) {
                return "The S1 area threshold is set in `config/cuts.yaml` under `s1_area_min` [" + source.group(1) + "].";
            }
        }
        return "I don't know: the indexed sources do not cover this.";
    }

    static Path fixtureDocs() {
        try {
            return Paths.get(IdeServerTest.class.getResource("/fixture-docs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void commit(String path, String text) {
        commit(REPOSITORY, path, text);
    }

    private static void commit(Path repository, String path, String text) {
        try (Git git = Files.exists(repository.resolve(".git")) ? Git.open(repository.toFile())
                : Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Path file = repository.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            git.add().addFilepattern(path).call();
            git.commit().setMessage("Add " + path).setAuthor("Test", "test@example.org")
                    .setCommitter("Test", "test@example.org").call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
