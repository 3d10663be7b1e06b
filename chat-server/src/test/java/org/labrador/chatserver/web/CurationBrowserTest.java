package org.labrador.chatserver.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.models.ollama.testing.OllamaProtocolServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In a real headless Chromium: a curator adds a docs source open to one group, which syncs on
 * save while the progress bar shows; a reader of that group signs in and gets an answer cited from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Each test is reported skipped with the reason (an assumption in @BeforeAll reported nothing at all).
@EnabledIf(value = "chromiumInstalled", disabledReason = "/usr/bin/chromium is not installed (apt-get install chromium):"
        + " the browser tests are skipped")
class CurationBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final String PASSWORD = "a long enough password";
    private static final OllamaProtocolServer OLLAMA = OllamaProtocolServer.start().models("qwen2.5:3b")
            .reply(messages -> messages.getLast().content().contains("cryostat-pump")
                    ? "Restart the cryostat-pump with the runbook's two-step procedure [1]." : "I don't know.");
    private static final Path DATA = temp("labrador-curation-data");
    private static Playwright playwright;
    private static Browser browser;
    /** Holds the sync's first embedding until the test has seen the progress bar: no race with the sync. */
    private static final java.util.concurrent.CountDownLatch SYNC_GATE = new java.util.concurrent.CountDownLatch(1);

    /** The configured embedding model, with passage embedding (the sync's, not a query's) waiting at {@link #SYNC_GATE}. */
    @org.springframework.boot.test.context.TestConfiguration
    static class HeldSync {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        LocalEmbedding heldEmbedding(LabradorProperties properties) {
            LocalEmbedding real = LocalEmbedding.named(properties.embedding().model());
            EmbeddingModel held = new EmbeddingModel() {
                @Override
                public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                    try {
                        SYNC_GATE.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return real.model().embedAll(segments);
                }

                @Override
                public Response<Embedding> embed(String text) {
                    return real.model().embed(text);
                }

                @Override
                public Response<Embedding> embed(TextSegment segment) {
                    return real.model().embed(segment);
                }

                @Override
                public int dimension() {
                    return real.model().dimension();
                }
            };
            return new LocalEmbedding(real.name(), held, real.queryPrefix(), real.dimension(), real.relevanceThreshold());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        // Curators add folders made under the system temp folder (the data dir in it stays refused).
        registry.add("labrador.sources.allowed-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("labrador.sources-file", () -> DATA.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", OLLAMA::baseUrl);
        registry.add("labrador.ollama.model", () -> "qwen2.5:3b");
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @BeforeAll
    static void launchBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeBrowser() {
        SYNC_GATE.countDown(); // never leave the sync thread waiting
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        OLLAMA.close();
    }

    @Test
    void aCuratorAddsAndSyncsASourceThenAReaderIsAnsweredFromIt() throws IOException {
        // Carol curates for both groups: a curator sees the questions of the sources (and gaps of the people) of their groups.
        accounts.create("carol", PASSWORD, Role.CURATOR, List.of("cryo", "other"));
        accounts.create("dave", PASSWORD, Role.READER, List.of("cryo"));
        accounts.create("erin", PASSWORD, Role.READER, List.of("other"));
        Path runbook = runbook();

        try (BrowserContext curator = browser.newContext(); Page page = curator.newPage()) {
            signIn(page, "carol");
            page.locator("#nav-sources").click();
            page.waitForURL("**/sources");
            page.locator("#add-source").click();
            page.locator("#source-name input").fill("runbook");
            page.locator("#source-path input").fill(runbook.toString());
            page.locator("#source-groups input").fill("cryo");
            page.locator("#test-source").click();
            assertThat(page.locator("#source-result")).containsText("OK: reachable: 40 documents");
            page.locator("#save-source").click();

            // Saving starts the sync: the bar shows while the 40 documents are embedded (held until it is seen),
            // and goes when the sync is done.
            Locator state = page.locator(".source-state[data-source='runbook']");
            assertThat(page.locator(".sync-progress")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            assertThat(state).hasAttribute("data-state", "syncing");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/sources-syncing.png")));
            SYNC_GATE.countDown();
            assertThat(state).hasAttribute("data-state", "ok", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(state).containsText("ok, 40 documents");
            assertThat(page.locator(".sync-progress")).hasCount(0);
        }

        try (BrowserContext reader = browser.newContext(); Page page = reader.newPage()) {
            signIn(page, "dave");
            assertThat(page.locator("#nav-sources")).hasCount(0);
            page.locator("#question textarea").fill("How do I restart the cryostat pump?");
            page.locator("#ask").click();
            assertThat(page.locator(".answer").last()).containsText("two-step procedure",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertThat(page.locator(".citation").first()).containsText("pump-restart.md");
            page.locator(".thumbs-up").click();
            assertThat(page.locator(".feedback")).containsText("Thanks");

            // The conversation is kept: a new one starts empty, and the old one reopens with its citations.
            page.navigate("http://localhost:" + port + "/");
            assertThat(page.locator(".turn")).hasCount(0);
            page.locator(".open-conversation").first().click();
            assertThat(page.locator(".turn .question")).containsText("How do I restart the cryostat pump?");
            assertThat(page.locator(".citation").first()).containsText("pump-restart.md");
        }

        try (BrowserContext outsider = browser.newContext(); Page page = outsider.newPage()) {
            signIn(page, "erin");
            page.locator("#question textarea").fill("How do I restart the cryostat pump?");
            page.locator("#ask").click();
            assertThat(page.locator(".answer").last()).containsText("I don't know",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertThat(page.locator(".answer").last()).not().containsText("two-step");
            // A thumbs down with a comment reaches the curators' questions page as a gap.
            page.locator(".thumbs-down").click();
            page.locator(".feedback-comment input").fill("we need a page on the cryostat pump");
            page.locator(".send-feedback").click();
            assertThat(page.locator(".feedback")).containsText("Thanks");
        }

        try (BrowserContext curator = browser.newContext(); Page page = curator.newPage()) {
            signIn(page, "carol");
            page.navigate("http://localhost:" + port + "/questions");
            page.locator("#only-gaps").click();
            assertThat(page.locator("#questions")).containsText("we need a page on the cryostat pump");
            assertThat(page.locator("#questions")).containsText("How do I restart the cryostat pump?");
        }
    }

    private void signIn(Page page, String username) {
        page.navigate("http://localhost:" + port + "/");
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        assertThat(page.locator("#question")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
    }

    /** A runbook folder of 40 pages, so that the sync takes several seconds and its progress shows. */
    private static Path runbook() throws IOException {
        Path folder = temp("labrador-runbook");
        Files.writeString(folder.resolve("pump-restart.md"), """
                # Cryostat pump restart

                When the cryostat-pump trips, restart it with the two-step procedure: close valve V4,
                then press reset on the pump controller and wait for the pressure to settle below 2 bar.
                """);
        for (int i = 1; i < 40; i++) {
            // Passages of a few hundred tokens take the embedding model long enough for the bar to be seen.
            Files.writeString(folder.resolve("shift-" + i + ".md"), "# Shift report " + i + "\n\n"
                    + ("Detector stable during shift " + i + ". Electron lifetime measured, purification loop nominal, "
                    + "no alarms from the slow control. Calibration source parked. ").repeat(12) + "\n");
        }
        return folder;
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
