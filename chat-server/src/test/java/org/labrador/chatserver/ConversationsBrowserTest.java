package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.models.ChatModel;
import org.labrador.models.ollama.ModelStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat as a student uses it every day, in a real headless Chromium: conversations with their own
 * address that survive a reload and a visit to a cited document, the sidebar, Enter and Shift+Enter,
 * highlighted code and copy buttons, the start page, answers without a model, and a phone's width.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "chromiumInstalled", disabledReason = "/usr/bin/chromium is not installed (apt-get install chromium):"
        + " the browser tests are skipped")
class ConversationsBrowserTest extends FixtureServerTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final String QUESTION = "Where is the S1 area threshold set?";
    private static final LocatorAssertions.ContainsTextOptions ANSWERED =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);
    private static final Pattern CONVERSATION_URL = Pattern.compile(".*/c/(\\d+)$");
    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ConversationStore conversations;

    @Autowired
    SourceCatalog catalog;

    @Autowired
    ChatModel chat;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @BeforeAll
    static void launchBrowser() {
        // A shared two-core machine can take more than the default 5 s to render a page the first time.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aConversationKeepsItsAddressThroughAReloadAndBackFromACitation() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            page.locator("#new-conversation").click();
            askAndWait(page, QUESTION);
            page.waitForURL(CONVERSATION_URL);
            String address = page.url();

            page.reload();
            assertThat(page.locator(".turn .question")).containsText(QUESTION);
            assertThat(page.locator(".turn .answer")).containsText("config/cuts.yaml");
            assertThat(page.locator("#conversations .current")).containsText(QUESTION);

            page.locator(".citation").first().click();
            page.waitForURL("**/source/fixtures/analysis/event-selection.md**");
            page.goBack();
            page.waitForURL(address);
            assertThat(page.locator(".turn .question")).containsText(QUESTION);
            assertThat(page.locator(".turn .answer")).containsText("config/cuts.yaml");

            // A follow-up stays in the same conversation, at the same address.
            askAndWait(page, "And where is it documented?");
            assertThat(page.locator(".turn")).hasCount(2);
            assertThat(page.url()).isEqualTo(address);
        }
    }

    @Test
    void anotherUsersConversationCannotBeOpenedByItsAddress() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        tokenFor("mallory", Role.READER);
        String secret = "What is Ada's private S1 area threshold question?";
        long id;
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            askAndWait(page, secret);
            page.waitForURL(CONVERSATION_URL);
            var m = CONVERSATION_URL.matcher(page.url());
            assertThat(m.matches()).isTrue();
            id = Long.parseLong(m.group(1));
        }
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "mallory");
            page.navigate(base() + "c/" + id);
            ChatPageBrowserTest.renderedByVaadin(page);
            assertThat(page.locator(".turn")).hasCount(0);
            assertThat(page.locator("body")).not().containsText(secret);
            assertThat(page.content()).doesNotContain("private S1");
        }
    }

    @Test
    void enterAsksAndShiftEnterStartsANewLine() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            Locator field = page.locator("#question textarea");
            field.click();
            field.pressSequentially("Where is the S1 area");
            field.press("Shift+Enter");
            field.pressSequentially("threshold set?");
            assertThat(field).hasValue("Where is the S1 area\nthreshold set?");
            assertThat(page.locator(".turn")).hasCount(0);

            field.press("Enter");
            assertThat(page.locator(".turn .answer")).containsText("config/cuts.yaml", ANSWERED);
            assertThat(page.locator(".turn .question")).hasText("Where is the S1 area\nthreshold set?");
            assertThat(field).hasValue("");
        }
    }

    @Test
    void codeInAnAnswerIsHighlightedAndAnswersAndCodeCanBeCopied() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        String code = "import yaml\ncuts = yaml.safe_load(open('config/cuts.yaml'))\nprint(cuts['s1_area_min'])";
        OLLAMA.reply(messages -> "Read it like this [1]:\n\n```python\n" + code + "\n```\n");
        try (BrowserContext context = desktop()) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            signIn(page, "ada");
            askAndWait(page, QUESTION, "Read it like this");
            Locator block = page.locator(".answer pre").first();
            assertThat(block.locator("code span[class^='hljs-']").first()).isAttached();
            assertThat(block).hasAttribute("tabindex", "0");
            assertThat(block).hasAttribute("aria-label", "Code (python)");

            page.locator(".copy-code").first().click();
            assertThat(page.locator(".code-block .copied")).isVisible();
            assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(code + "\n");

            page.locator(".copy-answer").first().click();
            assertThat(page.locator(".answer-actions .copied")).isVisible();
            assertThat((String) page.evaluate("() => navigator.clipboard.readText()"))
                    .startsWith("Read it like this [1]:").contains("```python");
        } finally {
            OLLAMA.reply(FixtureServerTest::citingReply);
        }
    }

    @Test
    void withoutAModelAReaderGetsOneSentenceAndAFewCompactPassagesAndNoAdministratorsFix() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        tokenFor("root", Role.ADMIN);
        OLLAMA.models(); // the server answers, but the configured model was never pulled
        try {
            awaitModel(false);
            try (BrowserContext context = desktop(); Page page = context.newPage()) {
                signIn(page, "ada");
                askAndWait(page, QUESTION, "No language model is running here; these are the passages that answer it.");
                Locator turn = page.locator(".turn").first();
                assertThat(turn.locator(".answer")).hasText("No language model is running here; these are the passages"
                        + " that answer it.");
                assertThat(turn.locator(".citation").count()).isBetween(1, 3);
                assertThat(turn.locator(".citation").first()).containsText("analysis/event-selection.md");
                BoundingBox box = turn.boundingBox();
                // Before, each passage came in full under its own heading and then again as a snippet: 3,100 px
                // for six passages, 515 px for the one passage of this index.
                assertThat(box.height).as("height of the answer at 1440x900").isLessThan(400);
                assertThat(page.locator("body")).not().containsText("ollama serve");
                assertThat(page.locator("body")).not().containsText("ollama pull");
                assertThat(page.locator("#notice")).isHidden();
                assertThat(page.locator("#status")).containsText("not ready");
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/answer-without-model.png")));
            }
            try (BrowserContext context = desktop(); Page page = context.newPage()) {
                signIn(page, "root");
                askAndWait(page, QUESTION, "No language model is running here");
                assertThat(page.locator("#notice")).containsText("ollama pull " + MODEL);
            }
        } finally {
            OLLAMA.models(MODEL);
            awaitModel(true);
        }
    }

    @Test
    void theStartPageListsOnlyTheSourcesAReaderMayReadAndASuggestedQuestionAsksIt() {
        syncFixtures();
        tokenFor("ada", Role.READER);
        Path folder = fixtureDocs();
        catalog.save(new Source("handbook", "docs", java.util.Map.of("path", folder.resolve("analysis").toString()), null,
                List.of(), "", List.of(QUESTION)));
        catalog.save(new Source("lz-notes", "docs", java.util.Map.of("path", folder.resolve("detector").toString()), null,
                List.of("lz"), "", List.of("What does the LZ team keep to itself?")));
        catalog.save(new Source("atlas-twiki", "twiki", java.util.Map.of("path", folder.resolve("computing").toString()), null,
                List.of(), "", List.of()));
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "ada");
            Locator start = page.locator("#start");
            assertThat(start.locator(".source-card")).hasCount(3);
            Locator fixtures = start.locator(".source-card").filter(new Locator.FilterOptions().setHasText("fixtures"));
            assertThat(fixtures.locator(".source-kind")).hasText("Docs folder");
            assertThat(fixtures).containsText("3 documents");
            assertThat(fixtures.locator(".source-synced")).hasText(Pattern.compile("synced (just now|\\d+ min ago)"));
            assertThat(start.locator(".source-card").filter(new Locator.FilterOptions().setHasText("handbook")))
                    .containsText("never synced");
            // Each kind as the Sources page labels it, a kind the chat's start page did not list as well.
            assertThat(start.locator(".source-card").filter(new Locator.FilterOptions().setHasText("atlas-twiki"))
                    .locator(".source-kind")).hasText("TWiki or Foswiki");
            assertThat(start).not().containsText("lz-notes");
            assertThat(start).not().containsText("LZ team");
            assertThat(start.locator(".suggested-question")).hasCount(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/start-page.png")));

            start.locator(".suggested-question").click();
            assertThat(page.locator(".turn .question")).hasText(QUESTION);
            assertThat(page.locator(".turn .answer")).containsText("config/cuts.yaml", ANSWERED);
            assertThat(page.locator("#start")).hasCount(0);
        } finally {
            catalog.remove("handbook");
            catalog.remove("lz-notes");
            catalog.remove("atlas-twiki");
        }
    }

    @Test
    void theSidebarSearchesRenamesAndDeletesConversations() {
        syncFixtures();
        tokenFor("grace", Role.READER);
        try (BrowserContext context = desktop(); Page page = context.newPage()) {
            signIn(page, "grace");
            askAndWait(page, QUESTION);
            page.locator("#new-conversation").click();
            page.waitForURL(url -> !CONVERSATION_URL.matcher(url).matches());
            askAndWait(page, "How are PMT gains calibrated with the LED?", "");
            Locator rows = page.locator("#conversations .saved-conversation");
            assertThat(rows).hasCount(2);

            page.locator("#conversation-search input").fill("pmt gains");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("PMT gains");
            page.locator("#conversation-search input").fill("");
            assertThat(rows).hasCount(2);

            Locator s1 = rows.filter(new Locator.FilterOptions().setHasText("S1 area"));
            s1.locator(".open-conversation").click();
            page.waitForURL(CONVERSATION_URL);
            assertThat(page.locator(".turn .question")).hasText(QUESTION);
            assertThat(s1).hasClass(Pattern.compile(".*\\bcurrent\\b.*"));

            s1.locator(".conversation-menu vaadin-menu-bar-button").first().click();
            page.locator("vaadin-menu-bar-item.rename-conversation").click();
            page.locator("#conversation-title input").fill("Cuts for S1");
            page.locator("#save-title").click();
            assertThat(rows.filter(new Locator.FilterOptions().setHasText("Cuts for S1"))).hasCount(1);
            assertThat(page.locator(".conversation-title")).hasText("Cuts for S1");
            // A title of its own shows above the conversation; one that was its first question did not.
            assertThat(page.locator(".conversation-title").boundingBox().height).isGreaterThan(10);

            Locator pmt = rows.filter(new Locator.FilterOptions().setHasText("PMT gains"));
            pmt.locator(".conversation-menu vaadin-menu-bar-button").first().click();
            page.locator("vaadin-menu-bar-item.delete-conversation").click();
            page.locator("#confirm-delete").click();
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("Cuts for S1");
            assertThat(page.locator(".turn .question")).hasText(QUESTION);
            long grace = accounts.find("grace").orElseThrow().id();
            assertThat(conversations.list(grace)).extracting(ConversationStore.ConversationSummary::title)
                    .containsExactly("Cuts for S1");

            // Deleting the conversation on the page starts a new one in its place.
            rows.first().locator(".conversation-menu vaadin-menu-bar-button").first().click();
            page.locator("vaadin-menu-bar-item.delete-conversation").click();
            page.locator("#confirm-delete").click();
            assertThat(page.locator("#start")).isVisible();
            assertThat(rows).hasCount(0);
            assertThat(conversations.list(grace)).isEmpty();
        }
    }

    @Test
    void onAPhoneTheChatFitsTheScreenAndCodeAndTheSourceViewerScrollInTheirBoxes() {
        syncFixtures();
        tokenFor("phoebe", Role.READER);
        String longLine = "cuts = {" + "'s1_area_min': 3, ".repeat(20) + "}";
        OLLAMA.reply(messages -> "Set it in `config/cuts.yaml` [1]:\n\n```python\n" + longLine + "\n```\n");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
             Page page = context.newPage()) {
            signIn(page, "phoebe");
            assertFitsTheWidth(page);
            assertThat(page.locator("#ask")).isInViewport();
            // Under the app bar ("≡ Labrador"), no second menu button and heading that read the same: the drawer's
            // button says what it opens, and the heading stays for screen readers.
            assertThat(page.locator("#conversations-toggle")).hasText("Conversations");
            assertThat(page.locator(".conversation-title").boundingBox().height).isLessThanOrEqualTo(1);
            askAndWait(page, QUESTION);
            assertThat(page.locator(".conversation-title").boundingBox().height)
                    .as("the question is right below: the title does not repeat it").isLessThanOrEqualTo(1);
            assertFitsTheWidth(page);
            assertThat(page.locator("#ask")).isInViewport();
            Locator block = page.locator(".answer pre").first();
            assertThat((Boolean) block.evaluate("pre => pre.scrollWidth > pre.clientWidth"))
                    .as("the long line scrolls inside its box").isTrue();
            assertThat(block).hasAttribute("tabindex", "0");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/chat-phone.png")));

            // The sidebar is a drawer: hidden until its button opens it.
            assertThat(page.locator("#conversations")).not().isInViewport();
            page.locator("#conversations-toggle").click();
            assertThat(page.locator("#conversations")).isInViewport();
            assertThat(page.locator("#conversations .saved-conversation")).hasCount(1);
            page.locator(".sidebar-backdrop").click(new Locator.ClickOptions().setPosition(380, 400));
            assertThat(page.locator("#conversations")).not().isInViewport();

            page.locator(".citation").first().click();
            page.waitForURL("**/source/fixtures/**");
            assertThat(page.locator("#source-text")).hasAttribute("tabindex", "0");
            assertThat(page.locator("#source-text")).hasAttribute("aria-label", Pattern.compile("event-selection\\.md"));
            assertFitsTheWidth(page);
        } finally {
            OLLAMA.reply(FixtureServerTest::citingReply);
        }
    }

    /** A phone's browser widens its layout to a page that is too wide, so the width is checked against the screen's. */
    private static void assertFitsTheWidth(Page page) {
        ChatPageBrowserTest.renderedByVaadin(page);
        List<?> widths = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat(((Number) widths.get(1)).intValue()).as("layout width").isEqualTo(390);
        assertThat(((Number) widths.get(0)).intValue()).as("page width").isLessThanOrEqualTo(390);
    }

    private void awaitModel(boolean ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while ((chat.status().state() == ModelStatus.State.READY) != ready) {
            assertThat(Instant.now()).as("the model's status to become " + (ready ? "ready" : "not ready"))
                    .isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private BrowserContext desktop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
    }

    private String base() {
        return "http://localhost:" + port + "/";
    }

    private static void askAndWait(Page page, String question) {
        askAndWait(page, question, "config/cuts.yaml");
    }

    /** Asks and waits until the answer is complete (its copy button shows) and contains {@code expected}. */
    private static void askAndWait(Page page, String question, String expected) {
        int before = page.locator(".turn").count();
        page.locator("#question textarea").fill(question);
        page.locator("#ask").click();
        Locator turn = page.locator(".turn").nth(before);
        assertThat(turn.locator(".answer")).containsText(expected, ANSWERED);
        assertThat(turn.locator(".copy-answer")).isVisible();
    }

    private void signIn(Page page, String username) {
        page.navigate(base());
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        assertThat(page.locator("#question")).isVisible();
    }
}
