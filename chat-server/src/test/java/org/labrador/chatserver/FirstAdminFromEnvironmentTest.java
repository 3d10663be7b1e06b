package org.labrador.chatserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new server started with {@code LABRADOR_ADMIN_PASSWORD} (and {@code LABRADOR_ADMIN_USER}) set, as README's
 * first start allows: it creates that administrator, prints no setup code and its setup form creates nobody, and
 * the administrator signs in with that password. (Spring reads an environment variable and a property of the same
 * name alike; the test sets the property.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminFromEnvironmentTest {

    private static final Path DATA = temp();
    private static final String PASSWORD = "the chief's long password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources-file", () -> DATA.resolve("no-sources.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
        registry.add("LABRADOR_ADMIN_PASSWORD", () -> PASSWORD);
        registry.add("LABRADOR_ADMIN_USER", () -> "chief");
    }

    @Test
    void theServerCreatesTheAdministratorWhoSignsInWithoutASetupCode(CapturedOutput output) throws Exception {
        assertThat(accounts.count()).isEqualTo(1);
        assertThat(accounts.find("chief")).get().extracting(a -> a.role()).isEqualTo(Role.ADMIN);
        assertThat(output.getOut()).contains("Created the first admin account, chief, from LABRADOR_ADMIN_PASSWORD")
                .doesNotContain("one-time setup code").doesNotContain(PASSWORD);

        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        // A visitor is sent to the sign-in page, not to the setup page ...
        HttpResponse<Void> visit = http.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(visit.statusCode()).isEqualTo(302);
        assertThat(visit.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        // ... and the setup form creates nobody, whatever the code.
        String csrf = csrfToken(http);
        HttpResponse<Void> setup = post(http, "/setup/admin", "code=ABCD-EFGH-JKLM&username=mallory"
                + "&password=mallory%27s+long+password&password2=mallory%27s+long+password", csrf);
        assertThat(setup.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(accounts.find("mallory")).isEmpty();

        HttpResponse<Void> signedIn = post(http, "/login", "username=chief&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), csrfToken(http));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("login").doesNotContain("error");
    }

    /** The CSRF token of the sign-in page, as a browser's form sends it. */
    private String csrfToken(HttpClient http) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("the sign-in page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private HttpResponse<Void> post(HttpClient http, String path, String form, String csrf) throws Exception {
        HttpResponse<Void> posted = http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(posted.statusCode()).as(path).isEqualTo(302);
        return posted;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("labrador-first-admin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
