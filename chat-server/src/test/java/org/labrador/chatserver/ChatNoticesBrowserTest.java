package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SyncService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the chat tells a reader beside an answer, in a real headless Chromium, with no model running and a
 * handbook of six notes that each answer the question: one sentence and at most three passage cards whose
 * snippets read as text (no {@code ##}, backticks or link syntax of the notes' Markdown); the fix
 * ({@code ollama serve}) once on an administrator's page and never on a reader's; and under an answer that is
 * not in the sources, whom to ask ({@code labrador.chat.contact}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.labrador.chatserver.Chromium#installed", disabledReason = "/usr/bin/chromium is not installed"
        + " (apt-get install chromium): the browser tests are skipped")
class ChatNoticesBrowserTest {

    private static final String PASSWORD = "a long enough password";
    private static final String QUESTION = "Where is the S1 area threshold set?";
    private static final String CONTACT = "the computing coordinators, [#computing](https://chat.example.org/computing)";
    private static final LocatorAssertions.ContainsTextOptions ANSWERED =
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);
    private static final Path DATA = temp("labrador-chat-notices");
    private static final Path HANDBOOK = handbook();
    private static final int NO_MODEL_PORT = closedPort();
    private static boolean synced;

    @RegisterExtension
    static final BrowserPerClass chromium = new BrowserPerClass();

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    SyncService syncService;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> DATA.resolve("none.yml").toString());
        registry.add("labrador.sources[0].name", () -> "handbook");
        registry.add("labrador.sources[0].kind", () -> "docs");
        registry.add("labrador.sources[0].path", HANDBOOK::toString);
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:" + NO_MODEL_PORT);
        registry.add("labrador.chat.contact", () -> CONTACT);
    }

    @BeforeEach
    void usersAndIndex() throws IOException {
        for (var user : List.of(new Object[] {"ada", Role.READER}, new Object[] {"root", Role.ADMIN})) {
            if (accounts.find((String) user[0]).isEmpty()) {
                accounts.create((String) user[0], PASSWORD, (Role) user[1], List.of());
            }
        }
        if (!synced) {
            syncService.syncNow(null, p -> { });
            synced = true;
        }
    }

    @Test
    void aReaderGetsAtMostThreePassageCardsReadAsTextAndNoFix() {
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            Locator turn = ask(page, QUESTION, "No language model is running here; these are the passages that answer it.");
            Locator cards = turn.locator(".citation");
            assertThat(cards).hasCount(3);
            for (Locator snippet : turn.locator(".citation-snippet").all()) {
                assertThat(snippet.innerText()).contains("threshold").doesNotContain("##").doesNotContain("`")
                        .doesNotContain("](").doesNotContain("**");
            }
            assertThat(turn.locator(".citation-snippet").first()).containsText("config/run");
            assertThat(page.locator("#status")).containsText("not ready");
            assertThat(occurrences(page, "ollama serve")).isZero();
            assertThat(occurrences(page, "No language model is running here")).isEqualTo(1);
        }
    }

    @Test
    void anAdministratorSeesTheFixExactlyOnce() {
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "root");
            // The status line says what to do before anything is asked ...
            assertThat(page.locator("#status")).containsText("ollama serve");
            ask(page, QUESTION, "No language model is running here");
            // ... and after an answer the fix is on the page once, in the notice box, also after the status line's
            // next refresh.
            assertThat(page.locator("#notice")).containsText("ollama serve");
            page.waitForTimeout(2 * 3000 + 500);
            Chromium.renderedByVaadin(page);
            assertThat(occurrences(page, "ollama serve")).isEqualTo(1);
            assertThat(page.locator(".turn .citation")).hasCount(3);

            // The next question clears the box: the status line says it again.
            page.locator("#question textarea").fill("What is the fiducial volume?");
            page.locator("#ask").click();
            assertThat(page.locator(".turn")).hasCount(2);
            Chromium.renderedByVaadin(page);
            assertThat(occurrences(page, "ollama serve")).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void anAnswerThatIsNotInTheSourcesSaysWhomToAsk() {
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            assertThat(page.locator("#start #contact")).containsText("Not in the sources? Ask the computing coordinators");
            ask(page, "Which restaurant near the lab serves the best ramen on Fridays?",
                    "the indexed sources do not cover this question");
            Locator notice = page.locator("#notice");
            assertThat(notice).containsText("Not in the sources? Ask the computing coordinators, #computing");
            // The contact is Markdown: its link is a link.
            assertThat(notice.locator("a[href='https://chat.example.org/computing']")).hasText("#computing");

            // An answer that is in the sources does not send the reader elsewhere.
            ask(page, QUESTION, "No language model is running here");
            assertThat(occurrences(page, "Not in the sources?")).isZero();
        }
    }

    /** Asks and waits until the answer is complete (its copy button shows) and contains {@code expected}; the turn. */
    private static Locator ask(Page page, String question, String expected) {
        int before = page.locator(".turn").count();
        page.locator("#question textarea").fill(question);
        page.locator("#ask").click();
        Locator turn = page.locator(".turn").nth(before);
        assertThat(turn.locator(".answer")).containsText(expected, ANSWERED);
        assertThat(turn.locator(".copy-answer")).isVisible();
        return turn;
    }

    /** How often {@code text} is on the page as a reader sees it (hidden elements do not count). */
    private static int occurrences(Page page, String text) {
        String visible = (String) page.evaluate("() => document.body.innerText");
        int count = 0;
        for (int i = visible.indexOf(text); i >= 0; i = visible.indexOf(text, i + text.length())) {
            count++;
        }
        return count;
    }

    private BrowserContext desktop() {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
    }

    private void signIn(Page page, String username) {
        page.navigate("http://localhost:" + port + "/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        assertThat(page.locator("#question")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        Chromium.renderedByVaadin(page);
    }

    /** Six notes, one per science run, each with a heading, inline code and a link around the threshold. */
    private static Path handbook() {
        Path folder = temp("labrador-handbook");
        try {
            for (int run = 1; run <= 6; run++) {
                Files.writeString(folder.resolve("run-" + run + ".md"), """
                        # Science run %1$d

                        ## S1 area threshold

                        The S1 area threshold of science run %1$d is set in `config/run%1$d/cuts.yaml` under the key
                        `s1_area_min`; see [the cut list](https://wiki.example.org/Cuts_run_%1$d) for its history.

                        ## Fiducial volume

                        The fiducial volume of run %1$d removes events within %1$d cm of the walls.
                        """.formatted(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
