package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labrador.chatserver.eval.EvaluationRuns;
import org.labrador.chatserver.security.Role;
import org.labrador.retrieval.ReadAccess;
import org.labrador.retrieval.SearchMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page, as a user who may see it, on a desktop (1440x900) and a phone (390x844), in the light and the dark
 * theme: axe-core finds no critical or serious accessibility violation, and the page does not scroll sideways.
 * So too the chat as it is used: an answer with a code block, the rename and delete dialogs of a conversation,
 * and the phone's drawer of conversations. (The first-run setup page is checked the same way in {@link FirstRunTest}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.labrador.chatserver.Chromium#installed", disabledReason = "/usr/bin/chromium is not installed"
        + " (apt-get install chromium): the browser tests are skipped")
class AccessibilityBrowserTest extends FixtureServerTest {

    /** A page: its name, its address, who opens it (null: signed out), and an element that shows it has rendered. */
    record Screen(String name, String path, Role role, String ready) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A window size. */
    record Viewport(String name, int width, int height) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Screen> SCREENS = List.of(
            new Screen("sign-in", "/login", null, "input[name='username']"),
            new Screen("chat", "/", Role.READER, "#question"),
            new Screen("sources", "/sources", Role.CURATOR, "#sources"),
            new Screen("questions", "/questions", Role.CURATOR, "#questions"),
            new Screen("evaluations", "/evaluations", Role.CURATOR, "#evaluations"),
            new Screen("users", "/users", Role.ADMIN, "#users"),
            new Screen("API tokens", "/tokens", Role.READER, "#tokens"),
            new Screen("source viewer", "/source/fixtures/analysis/event-selection.md", Role.READER, "#source-text"),
            new Screen("page not found", "/no/such/page", Role.READER, "#page-not-found"),
            new Screen("page needs a role", "/users", Role.READER, "#page-needs-role"));

    static final List<Viewport> VIEWPORTS = List.of(new Viewport("desktop", 1440, 900), new Viewport("phone", 390, 844));

    private static final Map<Role, String> USERS = Map.of(Role.READER, "ada", Role.CURATOR, "carol", Role.ADMIN, "root");
    private static Playwright playwright;
    private static Browser browser;
    private static final Map<Role, BrowserContext> SIGNED_IN = new EnumMap<>(Role.class);
    private static boolean synced;

    @LocalServerPort
    int port;

    @Autowired
    EvaluationRuns evaluations;

    static Stream<Arguments> pages() {
        List<Arguments> cases = new ArrayList<>();
        for (Screen screen : SCREENS) {
            for (Viewport viewport : VIEWPORTS) {
                for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                    cases.add(Arguments.of(screen, viewport, scheme));
                }
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void launchBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        SIGNED_IN.clear();
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The fixtures indexed: the source viewer shows one of their files. */
    @BeforeEach
    void indexed() {
        if (!synced) {
            syncFixtures();
            synced = true;
        }
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("pages")
    void noCriticalOrSeriousViolationAndNoSidewaysScroll(Screen screen, Viewport viewport, ColorScheme scheme) {
        BrowserContext context = screen.role() == null ? browser.newContext() : signedIn(screen.role());
        try (Page page = context.newPage()) {
            page.setViewportSize(viewport.width(), viewport.height());
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            page.navigate("http://localhost:" + port + screen.path());
            page.locator(screen.ready()).first().waitFor();
            Chromium.renderedByVaadin(page);

            List<String> findings = new ArrayList<>(Chromium.seriousAccessibilityViolations(page));
            int overflow = Chromium.horizontalOverflow(page);
            if (overflow > 0) {
                findings.add("the page scrolls sideways by " + overflow + " px");
            }
            int headings = page.locator("h1").count();
            if (headings != 1) {
                findings.add(headings + " level-one headings: screen readers jump to the one that names the page");
            }
            String where = screen + " (" + screen.path() + "), " + viewport + ", " + scheme;
            assertThat(findings).as(where).isEmpty();
        } finally {
            if (screen.role() == null) {
                context.close();
            }
        }
    }

    @Test
    void theChatWithACodeAnswerItsConversationDialogsAndThePhoneDrawer() {
        String user = "axel";
        tokenFor(user, Role.READER);
        OLLAMA.reply(messages -> "Read the cut [1] like this:\n\n```python\nimport yaml\n"
                + "cuts = yaml.safe_load(open('config/cuts.yaml'))  # the S1 cut\nprint(cuts['s1_area_min'], 3.0, \"PE\")\n```\n");
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
            page.navigate("http://localhost:" + port + "/login");
            page.locator("input[name='username']").fill(user);
            page.locator("input[name='password']").fill(PASSWORD);
            page.locator("input[name='password']").press("Enter");
            page.waitForURL(url -> !url.contains("/login"));
            page.setViewportSize(1440, 900);
            page.locator("#question textarea").fill("How do I read the S1 area threshold in Python?");
            page.locator("#ask").click();
            page.locator(".turn .copy-answer").waitFor();
            page.locator(".answer pre code span[class^='hljs-']").first().waitFor();
            List<String> findings = new ArrayList<>();
            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                Chromium.switchColorScheme(page, scheme);
                page.setViewportSize(1440, 900);
                Chromium.renderedByVaadin(page);
                findings.addAll(violations(page, "an answer with code, " + scheme));

                page.locator(".conversation-menu vaadin-menu-bar-button").first().click();
                page.locator("vaadin-menu-bar-item.rename-conversation").click();
                page.locator("#conversation-title input").waitFor();
                findings.addAll(violations(page, "the rename dialog, " + scheme));
                page.keyboard().press("Escape");
                page.locator("#conversation-title").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

                page.locator(".conversation-menu vaadin-menu-bar-button").first().click();
                page.locator("vaadin-menu-bar-item.delete-conversation").click();
                page.locator("#confirm-delete").waitFor();
                findings.addAll(violations(page, "the delete dialog, " + scheme));
                page.keyboard().press("Escape");
                page.locator("#confirm-delete").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

                page.setViewportSize(390, 844);
                Chromium.renderedByVaadin(page);
                findings.addAll(violations(page, "an answer with code on a phone, " + scheme));
                page.locator("#conversations-toggle").click();
                page.locator("#conversations.open").waitFor();
                findings.addAll(violations(page, "the phone's drawer of conversations, " + scheme));
                page.locator(".sidebar-backdrop").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(380, 400));
                page.locator("#conversations:not(.open)").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            }
            assertThat(findings).isEmpty();
        } finally {
            OLLAMA.reply(FixtureServerTest::citingReply);
        }
    }

    @Test
    void theEvaluationTrendShowsItsLatestValueWholeOnAPhone() throws Exception {
        Path gold = Files.createTempFile("gold", ".jsonl");
        Files.writeString(gold, "{\"question\": \"How are events selected?\", \"gold\": [\"analysis/event-selection.md\"]}\n");
        for (int run = 0; run < 2; run++) {
            evaluations.run(gold, "fixtures", SearchMode.HYBRID, 3, ReadAccess.everything());
        }
        try (Page page = signedIn(Role.CURATOR).newPage()) {
            page.setViewportSize(390, 844);
            page.navigate("http://localhost:" + port + "/evaluations");
            Locator latest = page.locator(".trend-line").first().getByText(Pattern.compile("latest \\d\\.\\d{3}"));
            latest.waitFor();
            BoundingBox label = latest.boundingBox();
            BoundingBox trend = page.locator(".trend").first().boundingBox();
            assertThat(label.x + label.width).as("the label's right edge within its trend's").isLessThanOrEqualTo(trend.x + trend.width);
            assertThat(label.height).as("drawn at a readable size").isGreaterThan(10);
        }
    }

    private static List<String> violations(Page page, String where) {
        List<String> found = new ArrayList<>(Chromium.seriousAccessibilityViolations(page));
        int overflow = Chromium.horizontalOverflow(page);
        if (overflow > 0) {
            found.add("the page scrolls sideways by " + overflow + " px");
        }
        return found.stream().map(finding -> where + ": " + finding).toList();
    }

    /** A browser context signed in as the user of that role, made once and shared by that role's pages. */
    private BrowserContext signedIn(Role role) {
        return SIGNED_IN.computeIfAbsent(role, r -> {
            tokenFor(USERS.get(r), r);
            BrowserContext context = browser.newContext();
            try (Page page = context.newPage()) {
                page.navigate("http://localhost:" + port + "/login");
                page.locator("input[name='username']").fill(USERS.get(r));
                page.locator("input[name='password']").fill(PASSWORD);
                page.locator("input[name='password']").press("Enter");
                page.waitForURL(url -> !url.contains("/login"));
            }
            return context;
        });
    }
}
