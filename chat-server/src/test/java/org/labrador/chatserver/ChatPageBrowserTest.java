package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A reader types a question on the chat page in a real headless Chromium and sees the cited answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Each test is reported skipped with the reason (an assumption in @BeforeAll reported nothing at all).
@EnabledIf(value = "chromiumInstalled", disabledReason = "/usr/bin/chromium is not installed (apt-get install chromium):"
        + " the browser tests are skipped")
class ChatPageBrowserTest extends FixtureServerTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @BeforeAll
    static void launchBrowser() {
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
    void aQuestionTypedOnTheChatPageGetsAStreamedCitedAnswer() {
        syncFixtures();
        tokenFor("ada", org.labrador.chatserver.security.Role.READER);
        try (Page page = browser.newPage()) {
            signIn(page, "ada");
            page.locator("#question textarea").fill("Where is the S1 area threshold set?");
            page.locator("#ask").click();

            Locator answer = page.locator(".answer").last();
            assertThat(answer).containsText("config/cuts.yaml", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            Locator citation = page.locator(".citation").first();
            assertThat(citation).containsText("analysis/event-selection.md");
            assertThat(citation).containsText("S1 area threshold");
            assertThat(page.locator("#status")).containsText("documents");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/chat-answer.png")).setFullPage(true));

            // Following the citation opens the cited lines in Labrador's viewer.
            citation.click();
            page.waitForURL("**/source/fixtures/analysis/event-selection.md**");
            assertThat(page.locator(".line.cited").first()).isVisible();
            assertThat(page.locator("#source-text")).containsText("s1_area_min");
        }
    }

    @Test
    void nothingIsShownBeforeSigningIn() {
        try (Page page = browser.newPage()) {
            page.navigate("http://localhost:" + port + "/");
            page.waitForURL("**/login");
            assertThat(page.locator("#question")).hasCount(0);
            page.navigate("http://localhost:" + port + "/source/fixtures/analysis/event-selection.md");
            page.waitForURL("**/login");
            assertThat(page.content()).doesNotContain("s1_area_min");
        }
    }

    @Test
    void anAdminAddsAUserWhoCanThenSignIn() {
        tokenFor("root", org.labrador.chatserver.security.Role.ADMIN);
        try (var context = browser.newContext(); Page page = context.newPage()) {
            signIn(page, "root");
            page.locator("#nav-users").click();
            page.waitForURL("**/users");
            page.locator("#user-name input").fill("newcomer");
            page.locator("#user-password input").fill(PASSWORD);
            page.locator("#user-groups input").fill("xenon");
            page.locator("#add-user").click();
            assertThat(page.locator("#users")).containsText("newcomer");
            assertThat(accounts.find("newcomer")).get().extracting(a -> a.groups()).isEqualTo(List.of("xenon"));
        }
        try (var context = browser.newContext(); Page page = context.newPage()) {
            signIn(page, "newcomer");
            assertThat(page.locator("#nav-users")).hasCount(0);
            page.navigate("http://localhost:" + port + "/users");
            // Wait until the page has rendered what a reader gets there, then check it holds no accounts:
            // right after the navigation, an empty page would pass whatever the server later sends.
            renderedByVaadin(page);
            assertThat(page.locator("body")).containsText("This page needs the admin role");
            assertThat(page.locator("#users")).hasCount(0); // a reader is not let in
            assertThat(page.locator("main")).not().containsText("root"); // no account but their own is named
        }
    }

    @Test
    void aHostileQuestionAndAnswerShowAsTextAndNeverRun() {
        syncFixtures();
        tokenFor("ada", org.labrador.chatserver.security.Role.READER);
        String payload = "<img src=x onerror=\"window.__xss='img'\"><script>window.__xss='script'</script>";
        OLLAMA.reply(messages -> "Here it is [1]: " + payload + " and [a link](javascript:window.__xss='link').");
        try (Page page = browser.newPage()) {
            signIn(page, "ada");
            page.locator("#question textarea").fill("Where is the S1 area threshold set? " + payload);
            page.locator("#ask").click();
            Locator answer = page.locator(".answer").last();
            assertThat(answer).containsText("Here it is",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            renderedByVaadin(page);
            // Shown as text (had it been markup, it would have run and not shown) ...
            assertThat(answer).containsText("<script>window.__xss='script'</script>");
            assertThat(page.locator(".turn .question").last()).containsText("onerror=");
            // ... and nothing of it ran or became an element.
            page.locator(".answer a").all().forEach(link -> {
                if (link.textContent().contains("a link")) {
                    link.click();
                }
            });
            assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
            assertThat(page.locator("img[onerror]")).hasCount(0);
            assertThat(page.locator("a[href^='javascript:']")).hasCount(0);
            assertThat(page.locator("script:not([src])").allTextContents()).noneMatch(text -> text.contains("__xss"));
        } finally {
            OLLAMA.reply(FixtureServerTest::citingReply);
        }
    }

    /** Waits until Vaadin's client has nothing in flight: the server's answer to the last step is on the page. */
    static void renderedByVaadin(Page page) {
        page.waitForFunction("() => !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.keys(window.Vaadin.Flow.clients).length > 0"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive()))"
                + " && document.body.innerText.trim().length > 0");
    }

    /** Opens the site, which sends the browser to the sign-in page, and signs in. */
    void signIn(Page page, String username) {
        page.navigate("http://localhost:" + port + "/");
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        assertThat(page.locator("#question")).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
    }
}
