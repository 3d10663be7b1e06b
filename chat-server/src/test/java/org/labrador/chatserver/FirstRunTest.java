package org.labrador.chatserver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.chatserver.security.FirstRunSetup;
import org.labrador.chatserver.security.SignInThrottle;
import org.labrador.chatserver.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new server with no accounts: the first visit shows "Create the administrator", which takes the one-time
 * setup code that the server printed in its log at start. Over HTTP, wrong codes are refused and then blocked
 * (even the right one, while blocked); in Chromium, the code creates the administrator, who then signs in;
 * after that the code is void and the page is gone. The tests run in order: each leaves the server as the
 * next one expects it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunTest {

    private static final Path DATA = temp();
    private static final Pattern CODE = Pattern.compile("one-time setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");
    private static final String PASSWORD = "the chief's long password";
    private static String code;
    private static Playwright playwright;
    private static Browser browser;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    SignInThrottle throttle;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> DATA.resolve("no-sources.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
        // A block long enough that a slow machine cannot outwait it between two requests of a test.
        registry.add("labrador.sign-in.first-block", () -> "10m");
    }

    @BeforeAll
    static void launchBrowser() {
        if (Chromium.installed()) {
            playwright = Chromium.playwright();
            browser = Chromium.launch(playwright);
        }
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
    @Order(1)
    void theServerPrintsAOneTimeSetupCodeAndNoDefaultPassword(CapturedOutput output) {
        Matcher printed = CODE.matcher(output.getOut());
        assertThat(printed.find()).as("the setup code in the log:\n" + output.getOut()).isTrue();
        code = printed.group(1);
        assertThat(accounts.count()).isZero();
        assertThat(output.getOut()).contains("./labrador user add admin --role admin").contains("LABRADOR_ADMIN_PASSWORD");
    }

    @Test
    @Order(2)
    void wrongSetupCodesAreRefusedThenBlockedEvenTheRightOneOverHttp(CapturedOutput output) throws Exception {
        try {
            assertThat(postSetup("chief", "ABCD-EFGH-JKLM", PASSWORD, PASSWORD)).isEqualTo("/setup?error=code");
            assertThat(postSetup("chief", code, PASSWORD, "another password")).isEqualTo("/setup?error=mismatch");
            assertThat(postSetup("chief", code, "short", "short")).isEqualTo("/setup?error=invalid");
            for (int i = 0; i < 5; i++) {
                assertThat(postSetup("chief", "WRNG-CODE-%04d".formatted(i), PASSWORD, PASSWORD)).isEqualTo("/setup?error=code");
            }
            // Six wrong codes: from now on even the right code is refused for a while.
            assertThat(postSetup("chief", code, PASSWORD, PASSWORD)).isEqualTo("/setup?error=blocked");
            assertThat(accounts.count()).isZero();
            assertThat(output.getOut()).contains("Wrong setup code from").contains("Setup code refused from");
            // Without the form's CSRF token, nothing is created either.
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(uri("/setup/admin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("chief", code, PASSWORD, PASSWORD))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isIn(302, 403);
            assertThat(forged.headers().firstValue("Location").orElse("")).doesNotContain("created");
            assertThat(accounts.count()).isZero();
        } finally {
            throttle.succeeded(FirstRunSetup.THROTTLE_KEY);
            throttle.succeeded(SignInThrottle.address("127.0.0.1"));
            throttle.succeeded(SignInThrottle.address("0:0:0:0:0:0:0:1"));
        }
    }

    @Test
    @Order(3)
    void theFirstVisitCreatesTheAdministratorWithTheCodeWhoThenSignsIn() {
        org.junit.jupiter.api.Assumptions.assumeTrue(browser != null, "/usr/bin/chromium is not installed: browser part skipped");
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
            page.navigate("http://localhost:" + port + "/");
            page.waitForURL("**/setup");
            assertThat(page.locator("main h2")).hasText("Create the administrator");
            for (int width : List.of(1440, 390)) {
                for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                    page.setViewportSize(width, width > 400 ? 900 : 844);
                    Chromium.switchColorScheme(page, scheme);
                    assertThat(Chromium.seriousAccessibilityViolations(page)).as(width + " px, " + scheme).isEmpty();
                    assertThat(Chromium.horizontalOverflow(page)).as(width + " px, " + scheme).isZero();
                }
            }
            page.setViewportSize(1440, 900);

            fillSetup(page, "chief", "WRNG-WRNG-WRNG");
            page.waitForURL("**/setup?error=code");
            assertThat(page.locator("#setup-problem")).containsText("not the setup code");
            assertThat(page.locator("#setup-username input")).hasValue("chief");

            fillSetup(page, "chief", code.toLowerCase(java.util.Locale.ROOT));
            page.waitForURL("**/login?created");
            assertThat(page.locator("#sign-in-note")).containsText("administrator account is ready");
            assertThat(page.locator("input[name='username']")).hasValue("chief");
            page.locator("input[name='password']").fill(PASSWORD);
            page.locator("input[name='password']").press("Enter");
            page.waitForURL(url -> !url.contains("/login"));
            Chromium.renderedByVaadin(page);
            assertThat(page.locator("#nav-users")).isVisible();
        }
        assertThat(accounts.find("chief")).get().extracting(a -> a.role().label()).isEqualTo("admin");
        // The page is gone: its address now leads to the sign-in page.
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
            page.navigate("http://localhost:" + port + "/setup");
            page.waitForURL("**/login");
            assertThat(page.locator("#login")).isVisible();
            assertThat(page.locator("#setup")).hasCount(0);
        }
    }

    @Test
    @Order(4)
    void onceAnAccountExistsTheCodeIsVoidOverHttp() throws Exception {
        if (accounts.count() == 0) {
            // The browser part did not run: an account made the usual way closes the setup as well.
            accounts.create("chief", PASSWORD, org.labrador.chatserver.security.Role.ADMIN, List.of());
        }
        assertThat(postSetup("mallory", code, "mallory's long password", "mallory's long password")).isEqualTo("/login");
        assertThat(accounts.find("mallory")).isEmpty();
        assertThat(accounts.count()).isEqualTo(1);
    }

    private void fillSetup(Page page, String username, String setupCode) {
        page.locator("#setup-code input").fill(setupCode);
        page.locator("#setup-username input").fill(username);
        page.locator("#setup-password input").fill(PASSWORD);
        page.locator("#setup-password2 input").fill(PASSWORD);
        page.locator("#create-admin").click();
    }

    /** Posts the setup form as a browser does, with the CSRF token of the page; where the server sends the browser next. */
    private String postSetup(String username, String setupCode, String password, String again) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/setup/admin")).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(username, setupCode, password, again)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(302);
        return posted.headers().firstValue("Location").orElseThrow();
    }

    private static String form(String username, String setupCode, String password, String again) {
        return "code=" + URLEncoder.encode(setupCode, StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&password2=" + URLEncoder.encode(again, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("labrador-first-run-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
