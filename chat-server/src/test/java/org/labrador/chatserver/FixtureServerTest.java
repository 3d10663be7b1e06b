package org.labrador.chatserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the end-to-end tests: the application with a temp data dir, the fixture docs folder as
 * its only source, and an in-process server speaking Ollama's protocol in place of a real model.
 * The model's reply quotes the source that mentions what the question asks about and cites it,
 * as a well-behaved model would.
 */
// The data dir is a test property rather than a dynamic one so that a subclass with settings of its own (and so an
// application of its own, cached beside the shared one) can give it a data dir of its own: dynamic ones win.
@TestPropertySource(properties = "labrador.data-dir=${labrador.test.fixture-data-dir}")
abstract class FixtureServerTest {

    static final String MODEL = "qwen2.5:3b";
    static final OllamaProtocolServer OLLAMA = startOllama();
    private static final Path DATA_DIR = tempDir();

    static {
        System.setProperty("labrador.test.fixture-data-dir", DATA_DIR.toString());
    }

    @Autowired
    SyncService syncService;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    /** A password good enough for the account rules; tests sign in with it. */
    static final String PASSWORD = "correct horse battery";

    /** Creates the account if needed (same role and groups) and returns a fresh API token for it. */
    String tokenFor(String username, Role role, String... groups) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, PASSWORD, role, List.of(groups));
        }
        return tokens.create(username, "test").secret();
    }

    /** An {@code Authorization} header value for a reader open to every source without groups. */
    String bearer() {
        if (readerToken == null) {
            readerToken = tokenFor("reader", Role.READER);
        }
        return "Bearer " + readerToken;
    }

    private String readerToken;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources[0].name", () -> "fixtures");
        registry.add("labrador.sources[0].kind", () -> "docs");
        registry.add("labrador.sources[0].path", () -> fixtureDocs().toString());
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> MODEL);
    }

    void syncFixtures() {
        try {
            syncService.syncNow(null, p -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixtureDocs() {
        try {
            return Paths.get(FixtureServerTest.class.getResource("/fixture-docs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1-based line number of the first line of a fixture file containing {@code text}. */
    static int lineOf(String path, String text) throws IOException {
        List<String> lines = Files.readAllLines(fixtureDocs().resolve(path));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " not in " + path);
    }

    private static OllamaProtocolServer startOllama() {
        return OllamaProtocolServer.start().models(MODEL).reply(FixtureServerTest::citingReply);
    }

    /** Cites the numbered source in the last user message that mentions "cuts.yaml", like a model would. */
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

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("labrador-test-data");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
