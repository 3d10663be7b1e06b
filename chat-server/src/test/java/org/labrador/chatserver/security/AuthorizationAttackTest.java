package org.labrador.chatserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.chatserver.conversations.ConversationsController;
import org.labrador.chatserver.eval.EvaluationsController;
import org.labrador.chatserver.sources.SourcesController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Attacks on who may do what: a reader's token and a reader's web session against every role-restricted
 * endpoint under percent-encoded spellings of its path; the method-level checks behind them; sign-in
 * without a CSRF token; a forged Host header; password and token guessing; the last admin; names that
 * differ only by case; the headers every page carries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationAttackTest {

    private static final Path DATA = temp();
    private static final String READER_PASSWORD = "reader's long password";
    private static final String ADMIN_PASSWORD = "admin's long password";

    /** Every role-restricted endpoint: method, path, body, the role it needs. */
    private record Endpoint(String method, String path, String body, Role role) {
    }

    private static final List<Endpoint> RESTRICTED = List.of(
            new Endpoint("GET", "/api/v1/users", null, Role.ADMIN),
            new Endpoint("POST", "/api/v1/users", "{\"username\":\"mallory\",\"password\":\"mallory's long password\",\"role\":\"admin\"}", Role.ADMIN),
            new Endpoint("PUT", "/api/v1/users/reader2", "{\"role\":\"admin\"}", Role.ADMIN),
            new Endpoint("DELETE", "/api/v1/users/other", null, Role.ADMIN),
            new Endpoint("GET", "/api/v1/sources", null, Role.CURATOR),
            new Endpoint("GET", "/api/v1/sources/notes", null, Role.CURATOR),
            new Endpoint("POST", "/api/v1/sources", "{\"name\":\"etc\",\"kind\":\"docs\",\"path\":\"/etc\"}", Role.CURATOR),
            new Endpoint("PUT", "/api/v1/sources/notes", "{\"name\":\"notes\",\"kind\":\"docs\",\"path\":\"/etc\"}", Role.CURATOR),
            new Endpoint("DELETE", "/api/v1/sources/notes", null, Role.CURATOR),
            new Endpoint("POST", "/api/v1/sources/notes/sync", null, Role.CURATOR),
            new Endpoint("POST", "/api/v1/sources/test", "{\"name\":\"t\",\"kind\":\"docs\",\"path\":\"/etc\"}", Role.CURATOR),
            new Endpoint("GET", "/api/v1/sources/notes/documents", null, Role.CURATOR),
            new Endpoint("PUT", "/api/v1/sources/notes/documents/flag", "{\"path\":\"a.md\",\"flag\":\"excluded\"}", Role.CURATOR),
            new Endpoint("GET", "/api/v1/questions", null, Role.CURATOR),
            new Endpoint("GET", "/api/v1/evaluations", null, Role.CURATOR),
            new Endpoint("POST", "/api/v1/evaluations", "{\"questions\":\"/etc/passwd\"}", Role.CURATOR));

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    AccountsController accountsController;

    @Autowired
    SourcesController sourcesController;

    @Autowired
    ConversationsController conversationsController;

    @Autowired
    EvaluationsController evaluationsController;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> DATA.resolve("no-sources.yml").toString());
        registry.add("labrador.sources[0].name", () -> "notes");
        registry.add("labrador.sources[0].path", () -> AccessControlTest.fixtureDocs().toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
        // A block long enough that a slow machine cannot outwait it between two requests of a test.
        registry.add("labrador.sign-in.first-block", () -> "10m");
        registry.add("logging.level.org.springframework.security", () -> "TRACE");
    }

    @BeforeEach
    void accounts() {
        for (var account : List.of(new Object[] {"reader", Role.READER}, new Object[] {"reader2", Role.READER},
                new Object[] {"other", Role.READER}, new Object[] {"root", Role.ADMIN})) {
            String name = (String) account[0];
            if (accounts.find(name).isEmpty()) {
                accounts.create(name, account[1] == Role.ADMIN ? ADMIN_PASSWORD : READER_PASSWORD, (Role) account[1], List.of());
            }
        }
    }

    @AfterEach
    void forgetFailures() {
        throttle.succeeded(SignInThrottle.address("127.0.0.1"));
        throttle.succeeded(SignInThrottle.address("0:0:0:0:0:0:0:1"));
        for (String name : List.of("reader", "root", "victim")) {
            throttle.succeeded(SignInThrottle.account(name));
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReadersTokenReachesNoRestrictedEndpointUnderAnySpellingOfItsPath() throws Exception {
        String reader = tokens.create("reader", "attack").secret();
        List<String> reached = new ArrayList<>();
        int tried = 0;
        for (Endpoint endpoint : RESTRICTED) {
            for (String spelling : spellings(endpoint.path())) {
                HttpResponse<String> response = send(endpoint.method(), spelling, endpoint.body(), bearer(reader));
                tried++;
                if (response.statusCode() < 300 || response.statusCode() == 500) {
                    reached.add(endpoint.method() + " " + spelling + " -> " + response.statusCode());
                }
            }
        }
        assertThat(tried).isGreaterThan(200);
        assertThat(reached).isEmpty();
        assertThat(accounts.find("reader2").orElseThrow().role()).isEqualTo(Role.READER);
        assertThat(accounts.find("mallory")).isEmpty();
        assertThat(accounts.find("other")).isPresent();
    }

    @Test
    void aReadersWebSessionReachesNoRestrictedEndpointUnderAnySpellingOfItsPath() throws Exception {
        String session = signIn("reader", READER_PASSWORD);
        List<String> reached = new ArrayList<>();
        for (Endpoint endpoint : RESTRICTED) {
            for (String spelling : spellings(endpoint.path())) {
                HttpResponse<String> response = send(endpoint.method(), spelling, endpoint.body(), cookie(session));
                if (response.statusCode() < 300 && response.body().contains("username")
                        || response.statusCode() < 300 && !endpoint.method().equals("GET")) {
                    reached.add(endpoint.method() + " " + spelling + " -> " + response.statusCode());
                }
            }
        }
        assertThat(reached).isEmpty();
        assertThat(accounts.find("reader2").orElseThrow().role()).isEqualTo(Role.READER);
        // The session is a real one: the chat page opens with it.
        assertThat(send("GET", "/", null, cookie(session), "Accept", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void theRightRolesStillReachTheirEndpoints() throws Exception {
        String admin = tokens.create("root", "admin").secret();
        assertThat(send("GET", "/api/v1/users", null, bearer(admin)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/%75sers", null, bearer(admin)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/sources", null, bearer(admin)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/questions", null, bearer(admin)).statusCode()).isEqualTo(200);
    }

    @Test
    void theControllersCheckTheRoleThemselves() {
        signedInAs("reader", Role.READER);
        assertThatThrownBy(() -> accountsController.users()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> accountsController.changeUser("reader", new AccountsController.UserChange("admin", null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> sourcesController.list()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> conversationsController.questions(null, false, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> evaluationsController.list()).isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.find("reader").orElseThrow().role()).isEqualTo(Role.READER);

        signedInAs("root", Role.ADMIN);
        assertThat(accountsController.users()).extracting(UserAccount::username).contains("reader", "root");
    }

    @Test
    void signingInNeedsTheFormsCsrfToken() throws Exception {
        HttpResponse<String> forged = send("POST", "/login", form("reader", READER_PASSWORD), java.util.Map.of(),
                "Content-Type", "application/x-www-form-urlencoded");
        String forgedSession = sessionOf(forged);
        assertThat(forged.headers().firstValue("Location").orElse("")).doesNotEndWith("/");
        if (forgedSession != null) {
            assertThat(send("GET", "/", null, cookie(forgedSession), "Accept", "text/html").statusCode()).isEqualTo(302);
        }
        // With the token of the sign-in page, the same form signs in.
        assertThat(signIn("reader", READER_PASSWORD)).isNotNull();
    }

    @Test
    void redirectsDoNotNameTheHostTheCallerClaims() throws Exception {
        for (String page : List.of("/", "/sources", "/tokens")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(page)).header("Accept", "text/html")
                    .setHeader("X-Forwarded-Host", "evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page)
                    .doesNotContain("evil.example").endsWith("/login");
        }
        // The JDK's client will not forge Host; a raw request does.
        String raw = rawGet("/sources", "evil.example");
        assertThat(raw).startsWith("HTTP/1.1 302");
        assertThat(raw.toLowerCase(Locale.ROOT)).contains("location: /login").doesNotContain("evil.example");
    }

    @Test
    void pagesAndApisCarrySecurityHeaders() throws Exception {
        HttpResponse<String> login = send("GET", "/login", null, java.util.Map.of(), "Accept", "text/html");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("img-src 'self' data:").contains("frame-ancestors 'self'").contains("object-src");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).isPresent();
        assertThat(login.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("JSESSIONID")
                .containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));

        HttpResponse<String> api = send("GET", "/api/v1/me", null, bearer(tokens.create("reader", "h").secret()));
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void guessingAPasswordIsSlowedDownAndLogged(CapturedOutput output) throws Exception {
        accounts.create("victim", "the victim's long password", Role.READER, List.of());
        try {
            for (int i = 0; i < 6; i++) {
                assertThat(signIn("victim", "guess number " + i)).isNull();
            }
            // The right password, found by the next guess, is refused while the account is blocked.
            assertThat(signIn("victim", "the victim's long password")).isNull();
            assertThat(output.getOut()).contains("Failed sign-in for 'victim' from")
                    .contains("Sign-in refused for 'victim'");
            assertThat(Pattern.compile("Failed sign-in for 'victim'").matcher(output.getOut()).results().count()).isEqualTo(6);
            // Other accounts from elsewhere are not blocked by it.
            throttle.succeeded(SignInThrottle.address("127.0.0.1"));
            throttle.succeeded(SignInThrottle.address("0:0:0:0:0:0:0:1"));
            assertThat(signIn("reader", READER_PASSWORD)).isNotNull();
        } finally {
            throttle.succeeded(SignInThrottle.account("victim"));
        }
        assertThat(signIn("victim", "the victim's long password")).isNotNull();
    }

    @Test
    void aLogLineCannotBeForgedThroughTheUserName(CapturedOutput output) throws Exception {
        assertThat(signIn("x\nINFO forged line", "wrong password!")).isNull();
        assertThat(output.getOut()).doesNotContain("\nINFO forged line").contains("x?INFO forged line");
    }

    @Test
    void guessingTokensGetsAnAddressBlocked(CapturedOutput output) throws Exception {
        String valid = tokens.create("reader", "valid").secret();
        for (int i = 0; i < 21; i++) {
            HttpResponse<String> guess = send("GET", "/api/v1/me", null, bearer("lab_guess" + i));
            assertThat(guess.statusCode()).isIn(401, 429);
            assertThat(guess.body()).contains("error");
        }
        HttpResponse<String> blocked = send("GET", "/api/v1/me", null, bearer(valid));
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(output.getOut()).contains("Refused an unknown or revoked API token 'lab_gues…'")
                .doesNotContain("lab_guess20'");
        forgetFailures();
        assertThat(send("GET", "/api/v1/me", null, bearer(valid)).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownAndKnownUsersTakeAlikeToBeRefused() throws Exception {
        signIn("reader", "warm up the password hashing");
        long known = 0;
        long unknown = 0;
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            signIn("reader", "wrong password " + i);
            known += System.nanoTime() - start;
            start = System.nanoTime();
            signIn("nobody-" + i, "wrong password " + i);
            unknown += System.nanoTime() - start;
        }
        // bcrypt dominates both; without the dummy hash an unknown name would be refused tens of times faster.
        assertThat(unknown).isGreaterThan(known / 3);
    }

    @Test
    void theLastAdminCannotBeDemotedDisabledOrDeleted() throws Exception {
        String root = tokens.create("root", "self").secret();
        HttpResponse<String> demoted = send("PUT", "/api/v1/users/root", "{\"role\":\"reader\"}", bearer(root));
        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(demoted.body()).contains("last enabled admin");
        assertThat(send("PUT", "/api/v1/users/root", "{\"enabled\":false}", bearer(root)).statusCode()).isEqualTo(409);
        assertThatThrownBy(() -> accounts.delete("root")).isInstanceOf(IllegalStateException.class);
        assertThat(accounts.find("root").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.find("root").orElseThrow().enabled()).isTrue();

        // With a second admin, the first may step down.
        accounts.create("root2", ADMIN_PASSWORD, Role.ADMIN, List.of());
        try {
            assertThat(send("PUT", "/api/v1/users/root2", "{\"role\":\"curator\"}", bearer(root)).statusCode()).isEqualTo(200);
        } finally {
            accounts.delete("root2");
        }
    }

    @Test
    void userNamesThatDifferOnlyByCaseAreOneName() throws Exception {
        String root = tokens.create("root", "users").secret();
        HttpResponse<String> twin = send("POST", "/api/v1/users",
                "{\"username\":\"READER\",\"password\":\"another long password\"}", bearer(root));
        assertThat(twin.statusCode()).isEqualTo(400);
        assertThat(twin.body()).contains("exists already");
        assertThat(accounts.find("READER")).isEmpty();
    }

    @Test
    void aFailedApiCallIsAnsweredAsJsonNotWithTheSignInPage() throws Exception {
        String reader = tokens.create("reader", "errors").secret();
        HttpResponse<String> malformed = send("POST", "/api/v1/ask", "{not json", bearer(reader));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Location")).isEmpty();
        assertThat(malformed.headers().firstValue("Content-Type").orElse("")).contains("json");
        HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/search", null, bearer(reader));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void ollamaClientsProbeTheRootWithoutAToken() throws Exception {
        HttpResponse<String> probe = send("GET", "/", null, java.util.Map.of());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).isEqualTo("Ollama is running");
        assertThat(send("HEAD", "/", null, java.util.Map.of()).statusCode()).isEqualTo(200);
        // A browser gets the sign-in page instead, and nothing of the chat.
        HttpResponse<String> browser = send("GET", "/", null, java.util.Map.of(), "Accept", "text/html");
        assertThat(browser.statusCode()).isEqualTo(302);
    }

    @Test
    void healthAnswersProbesWithAStatusAndNothingElseOfTheActuatorIsServed() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, java.util.Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
        assertThat(send("GET", "/actuator/health/readiness", null, java.util.Map.of()).statusCode()).isEqualTo(200);
        String admin = tokens.create("root", "ops").secret();
        assertThat(send("GET", "/actuator/health", null, bearer(admin)).body()).contains("components");
        for (String endpoint : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/%65nv")) {
            assertThat(send("GET", endpoint, null, bearer(admin)).statusCode()).as(endpoint).isIn(400, 404);
            assertThat(send("GET", endpoint, null, java.util.Map.of()).statusCode()).as(endpoint).isIn(400, 401, 404);
        }
    }

    /** The path as written, and with each of its segments' letters percent-encoded one at a time and all at once. */
    private static List<String> spellings(String path) {
        List<String> spellings = new ArrayList<>(List.of(path));
        String[] segments = path.substring(1).split("/");
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            for (int c = 0; c < segment.length(); c++) {
                if (Character.isLetterOrDigit(segment.charAt(c))) {
                    String lower = String.format("%%%02x", (int) segment.charAt(c));
                    spellings.add(withSegment(segments, s, segment.substring(0, c) + lower + segment.substring(c + 1)));
                }
            }
            StringBuilder all = new StringBuilder();
            segment.chars().forEach(ch -> all.append(String.format("%%%02X", ch)));
            spellings.add(withSegment(segments, s, all.toString()));
        }
        spellings.add(path + "/");
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add(path.replace("/api/", "/api/./"));
        spellings.add(path.replace("/api/v1/", "/api/v1//"));
        spellings.add(path.replace("/api/v1/", "/api/x/../v1/"));
        spellings.add(path.replace("/api/v1/", "/api/v1;x=1/"));
        return spellings;
    }

    private static String withSegment(String[] segments, int index, String replacement) {
        String[] copy = segments.clone();
        copy[index] = replacement;
        return "/" + String.join("/", copy);
    }

    /** Signs in through the form as a browser does; the session cookie, or null when refused. */
    private String signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = send("GET", "/login", null, java.util.Map.of(), "Accept", "text/html");
        String session = sessionOf(page);
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page carries a CSRF token").isTrue();
        HttpResponse<String> posted = send("POST", "/login",
                form(username, password) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
                cookie(session), "Content-Type", "application/x-www-form-urlencoded");
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() != 302 || location.contains("error") || location.contains("login")) {
            return null;
        }
        String signedIn = sessionOf(posted);
        return signedIn == null ? session : signedIn;
    }

    private static String form(String username, String password) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private static String sessionOf(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    private static java.util.Map<String, String> bearer(String token) {
        return java.util.Map.of("Authorization", "Bearer " + token);
    }

    private static java.util.Map<String, String> cookie(String session) {
        return session == null ? java.util.Map.of() : java.util.Map.of("Cookie", session);
    }

    private HttpResponse<String> send(String method, String path, String body, java.util.Map<String, String> headers,
                                      String... more) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (body != null && (more.length == 0 || !more[0].equals("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            request.header(more[i], more[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawGet(String path, String host) throws IOException {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void signedInAs(String username, Role role) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, role.authorities()));
        SecurityContextHolder.setContext(context);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("labrador-attack-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
