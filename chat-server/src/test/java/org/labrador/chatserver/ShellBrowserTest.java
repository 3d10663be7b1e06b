package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labrador.chatserver.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The frame of every page, in a real headless Chromium: the menu that collapses on a phone with "Sign out"
 * still on screen, the main landmark, colours that follow the system's dark setting, friendly pages for an
 * address that is no page or needs another role, a failed sign-in that keeps the name, and the Questions
 * page's columns (an answer that cites none of its sources is "unverified"), tooltips and phone cards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "org.labrador.chatserver.Chromium#installed", disabledReason = "/usr/bin/chromium is not installed"
        + " (apt-get install chromium): the browser tests are skipped")
class ShellBrowserTest extends FixtureServerTest {

    private static final String LONG_QUESTION = "Where is the S1 area threshold set, and which analysis note explains"
            + " why the cut on the S1 area was chosen at that value for the dark matter search of this science run?";
    private static final String UNVERIFIED_QUESTION = "Which file sets the S1 area threshold?";
    @RegisterExtension
    static final BrowserPerClass chromium = new BrowserPerClass();

    @LocalServerPort
    int port;

    @Test
    void onAPhoneTheMenuFoldsAwaySignOutStaysOnScreenAndNoPageScrollsSideways() {
        tokenFor("root", Role.ADMIN);
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
             Page page = phone.newPage()) {
            signIn(page, "root");
            for (String path : List.of("/tokens", "/questions", "/evaluations", "/users")) {
                open(page, path);
                assertThat(Chromium.horizontalOverflow(page)).as(path + " scrolls sideways by").isZero();
                assertThat(page.locator("#sign-out")).isVisible();
                BoundingBox signOut = page.locator("#sign-out").boundingBox();
                assertThat(signOut.x + signOut.width).as("right edge of Sign out on " + path).isLessThanOrEqualTo(390);
                assertThat(page.locator("#nav-users")).not().isVisible();
            }
            page.locator("#menu-toggle").click();
            assertThat(page.locator("#nav-tokens")).isVisible();
            page.locator("#nav-tokens").click();
            page.waitForURL("**/tokens");
            // Once a page is chosen, the menu gets out of its way.
            assertThat(page.locator("#nav-tokens")).not().isVisible();
            page.locator("#sign-out").click();
            page.waitForURL("**/login");
        }
    }

    @Test
    void everySignedInPageHasTheMenuAndItsContentInTheMainLandmark() {
        tokenFor("root", Role.ADMIN);
        try (BrowserContext desktop = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
             Page page = desktop.newPage()) {
            signIn(page, "root");
            for (String path : List.of("/tokens", "/questions", "/evaluations", "/users", "/nope")) {
                open(page, path);
                assertThat(page.locator("main")).hasCount(1);
                assertThat(page.locator("h1")).hasCount(1); // one level-one heading, the page's own
                assertThat(page.locator("main h1")).isVisible();
                assertThat(page.locator("#menu")).isVisible();
                assertThat(page.locator("#nav-users")).isVisible();
            }
        }
    }

    @Test
    void theColoursFollowTheSystemsDarkSettingAndSwitchWithItWhileThePageIsOpen() {
        tokenFor("ada", Role.READER);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setColorScheme(ColorScheme.DARK));
             Page page = context.newPage()) {
            signIn(page, "ada");
            open(page, "/tokens");
            assertThat(luminance(page, "html", "backgroundColor")).as("dark background").isLessThan(0.2);
            assertThat(luminance(page, "main h1", "color")).as("light text").isGreaterThan(0.6);
            Chromium.switchColorScheme(page, ColorScheme.LIGHT);
            assertThat(luminance(page, "html", "backgroundColor")).as("light background, without a reload").isGreaterThan(0.8);
            assertThat(luminance(page, "main h1", "color")).as("dark text").isLessThan(0.3);
        }
    }

    @Test
    void aReaderOpeningACuratorsOrAnAdminsPageIsToldWhichRoleItNeedsWithTheMenu() {
        tokenFor("ada", Role.READER);
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            signIn(page, "ada");
            open(page, "/sources");
            assertThat(page.locator("#page-needs-role")).containsText("This page needs the curator role");
            assertThat(page.locator("body")).not().containsText("Could not navigate");
            assertThat(page.locator("#menu")).isVisible();
            assertThat(page.locator("#sign-out")).isVisible();
            open(page, "/users");
            assertThat(page.locator("#page-needs-role")).containsText("This page needs the admin role");
            assertThat(page.locator("#users")).hasCount(0);
        }
    }

    @Test
    void anAddressThatIsNoPageSaysPageNotFoundWithTheMenu() throws Exception {
        tokenFor("ada", Role.READER);
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            signIn(page, "ada");
            for (String path : List.of("/nope", "/x/y")) {
                open(page, path);
                assertThat(page.locator("#page-not-found")).containsText("Page not found");
                assertThat(page.locator("#menu")).isVisible();
                assertThat(page.locator("#sign-out")).isVisible();
            }
        }
        // Signed out, the same addresses lead to the sign-in page, as every page does.
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/nope", "/x/y")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValue("/login");
        }
    }

    @Test
    void everyPageNamesItsIconSoTheBrowserAsksForNothingThatIsMissing() {
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onResponse(r -> {
                if (r.status() >= 400) {
                    failed.add(r.status() + " " + r.url());
                }
            });
            page.navigate("http://localhost:" + port + "/login");
            String icon = page.locator("link[rel='icon']").getAttribute("href");
            var answer = page.request().get("http://localhost:" + port + "/" + icon);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().get("content-type")).startsWith("image/svg+xml");
            assertThat(failed).isEmpty();
        }
    }

    @Test
    void aWrongPasswordKeepsTheUserNameAndSaysWhatWentWrong() {
        tokenFor("ada", Role.READER);
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            page.navigate("http://localhost:" + port + "/login");
            page.locator("input[name='username']").fill("ada");
            page.locator("input[name='password']").fill("not the password");
            page.locator("input[name='password']").press("Enter");
            page.waitForURL("**/login?error");
            assertThat(page.locator("#login")).containsText("Wrong user name or password");
            assertThat(page.locator("input[name='username']")).hasValue("ada");
            // The name is kept: the right password alone now signs in.
            page.locator("input[name='password']").fill(PASSWORD);
            page.locator("input[name='password']").press("Enter");
            page.waitForURL(url -> !url.contains("/login"));
        }
    }

    @Test
    void questionsSayWhetherTheSourcesCoveredThemWhichSourcesWereCitedAndShowLongOnesWhole() throws Exception {
        askedQuestion(LONG_QUESTION);
        OLLAMA.reply("The S1 area threshold is set in the cuts file."); // cites none of its sources
        try {
            askedQuestion(UNVERIFIED_QUESTION);
        } finally {
            OLLAMA.reply(FixtureServerTest::citingReply);
        }
        tokenFor("carol", Role.CURATOR);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
             Page page = context.newPage()) {
            signIn(page, "carol");
            open(page, "/questions");
            Locator grid = page.locator("#questions");
            assertThat(grid).containsText("fixtures");
            @SuppressWarnings("unchecked")
            List<String> headers = (List<String>) page.evaluate("() => [...document.querySelector('#questions').shadowRoot"
                    + ".querySelectorAll('thead th')].map(th => { const s = th.querySelector('slot');"
                    + " const c = s && s.assignedElements()[0]; return c ? c.textContent.trim() : ''; })");
            @SuppressWarnings("unchecked")
            List<String> firstRow = (List<String>) page.evaluate("() => [...document.querySelector('#questions').shadowRoot"
                    + ".querySelector('tbody tr').querySelectorAll('td')].map(td => { const s = td.querySelector('slot');"
                    + " const c = s && s.assignedElements()[0]; return c ? c.textContent.trim() : ''; })");
            int answered = firstRow.indexOf("answered");
            assertThat(answered).as("a column says the question was answered: " + firstRow).isNotNegative();
            assertThat(headers.get(answered)).isEqualTo("Covered");
            assertThat(headers.get(firstRow.indexOf("fixtures"))).isEqualTo("Sources cited");
            assertThat(firstRow).as("the newest question's answer cited nothing").contains(UNVERIFIED_QUESTION);
            assertThat(firstRow.indexOf("unverified")).as("a column says its citations are unverified: " + firstRow)
                    .isNotNegative();
            assertThat(headers.get(firstRow.indexOf("unverified"))).isEqualTo("Citations");

            // A question longer than its column shows whole on hover.
            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("Where is the S1 area threshold set, and"))
                    .first().hover();
            assertThat(page.getByRole(AriaRole.TOOLTIP)).containsText("for the dark matter search of this science run?");
        }
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
             Page page = phone.newPage()) {
            signIn(page, "carol");
            open(page, "/questions");
            Locator card = page.locator(".phone-card", new Page.LocatorOptions().setHasText(LONG_QUESTION)).first();
            assertThat(card).isVisible();
            assertThat(card).containsText("answered");
            assertThat(card).containsText("fixtures");
            assertThat(page.locator(".phone-card", new Page.LocatorOptions().setHasText(UNVERIFIED_QUESTION)).first())
                    .containsText("unverified");
            BoundingBox box = card.boundingBox();
            assertThat(box.x + box.width).isLessThanOrEqualTo(390);
            assertThat(Chromium.horizontalOverflow(page)).isZero();
        }
    }

    /** A question that the fixtures cover, asked through the API, so that it is in the question log. */
    private void askedQuestion(String question) throws Exception {
        syncFixtures();
        String token = tokenFor("asker", Role.READER);
        HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("\"covered\":true");
    }

    /** The relative luminance (0 black, 1 white) of a computed colour of the first element matching the selector. */
    private static double luminance(Page page, String selector, String property) {
        Object value = page.evaluate("([selector, property]) => { const c = getComputedStyle(document.querySelector(selector))"
                + "[property]; const m = c.match(/[\\d.]+/g).map(Number); const lin = v => { v /= 255;"
                + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };"
                + " return 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]); }", List.of(selector, property));
        return ((Number) value).doubleValue();
    }

    private void open(Page page, String path) {
        page.navigate("http://localhost:" + port + path);
        Chromium.renderedByVaadin(page);
    }

    /** Opens the site, which sends the browser to the sign-in page, and signs in. */
    private void signIn(Page page, String username) {
        page.navigate("http://localhost:" + port + "/");
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill(username);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        Chromium.renderedByVaadin(page);
    }
}
