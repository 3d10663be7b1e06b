package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labrador.chatserver.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Writes the screenshots of README and docs/screenshots/: the start page (an empty chat, with the questions the
 * curators suggest and whom to ask), a cited answer, and the Sources page, at 1440x900 and 390x844. The fixture
 * folder is shown where a server would keep it, {@value #SHOWN_FOLDER}, not at this build's path. Not a test of
 * behaviour, so not part of {@code ./test}; run it with {@code ./test -Pscreenshots -pl chat-server -am} after a
 * change to the pages.
 */
@Tag("screenshots")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.labrador.chatserver.Chromium#installed", disabledReason = "/usr/bin/chromium is not installed"
        + " (apt-get install chromium): no screenshots")
class ScreenshotsTest extends FixtureServerTest {

    /** The repository's docs/screenshots, from the chat-server module where Maven runs the tests. */
    private static final Path FOLDER = Paths.get("..", "docs", "screenshots");
    private static final List<int[]> SIZES = List.of(new int[] {1440, 900}, new int[] {390, 844});
    static final String SHOWN_FOLDER = "/srv/labrador/docs";
    @RegisterExtension
    static final BrowserPerClass chromium = new BrowserPerClass();

    @LocalServerPort
    int port;

    /** What a newcomer is offered on the start page. */
    @DynamicPropertySource
    static void startPage(DynamicPropertyRegistry registry) {
        registry.add("labrador.sources[0].suggested-questions[0]", () -> "Where is the S1 area threshold set?");
        registry.add("labrador.sources[0].suggested-questions[1]", () -> "How are PMT gains calibrated with the LED?");
        registry.add("labrador.sources[0].suggested-questions[2]", () -> "Which cuts define the fiducial volume?");
        registry.add("labrador.chat.contact", () -> "the computing coordinators, [#computing](https://chat.example.org/computing)");
    }

    @Test
    void writeTheScreenshots() {
        syncFixtures();
        tokenFor("newcomer", Role.READER);
        tokenFor("ada", Role.READER);
        tokenFor("carol", Role.CURATOR);
        for (int[] size : SIZES) {
            String device = size[0] > 600 ? "desktop" : "phone";
            try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
                 Page page = context.newPage()) {
                signIn(page, "newcomer");
                assertThat(page.locator(".suggested-question")).hasCount(3);
                assertThat(page.locator("#contact")).isVisible();
                shoot(page, "start-" + device);
            }
            try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
                 Page page = context.newPage()) {
                signIn(page, "ada");
                page.locator("#question").locator("input, textarea").first().fill("Where is the S1 area threshold set?");
                page.locator("#ask").click();
                assertThat(page.locator(".answer").last()).containsText("config/cuts.yaml",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                assertThat(page.locator(".citation").first()).isVisible();
                shoot(page, "chat-" + device);
            }
            try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
                 Page page = context.newPage()) {
                signIn(page, "carol");
                page.navigate("http://localhost:" + port + "/sources");
                page.locator("#sources").waitFor();
                Chromium.renderedByVaadin(page);
                page.evaluate("([from, to]) => document.querySelectorAll('.source-meta').forEach(e =>"
                        + " e.textContent = e.textContent.replace(from, to))", List.of(fixtureDocs().toString(), SHOWN_FOLDER));
                assertThat(page.locator("#sources")).containsText(SHOWN_FOLDER);
                shoot(page, "sources-" + device);
            }
        }
    }

    private static void shoot(Page page, String name) {
        Chromium.renderedByVaadin(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(name + ".png")));
    }

    private void signIn(Page page, String username) {
        page.navigate("http://localhost:" + port + "/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        Chromium.renderedByVaadin(page);
    }
}
