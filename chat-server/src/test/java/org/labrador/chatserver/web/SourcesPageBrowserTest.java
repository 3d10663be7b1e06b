package org.labrador.chatserver.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labrador.chatserver.BrowserPerClass;
import org.labrador.chatserver.Chromium;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.sources.SourceCuration;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.chatserver.sources.LabNotebookKind;
import org.labrador.ingest.kind.SourceKinds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The curators' Sources page in a real headless Chromium: saving a new source syncs it (no Sync
 * now), the form shows the fields of the chosen kind only (a kind registered in this test too), a
 * failed sync says why, a phone gets cards without sideways scrolling, and axe-core finds no
 * critical or serious problem on the page or in its dialog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "chromiumInstalled", disabledReason = "/usr/bin/chromium is not installed (apt-get install chromium):"
        + " the browser tests are skipped")
class SourcesPageBrowserTest {

    private static final String PASSWORD = "a long enough password";
    private static final Path DATA = temp("labrador-sources-page");
    @RegisterExtension
    static final BrowserPerClass chromium = new BrowserPerClass();

    /** A kind that exists only in this test: the page offers it with no change to the page. */
    @TestConfiguration
    static class WithLabNotebooks {
        @Bean
        @Primary
        SourceKinds kindsWithNotebooks() {
            return SourceKinds.installed().with(new LabNotebookKind());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    SourceCatalog catalog;

    @Autowired
    SourceCuration curation;

    @Autowired
    SyncService syncService;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("labrador.data-dir", DATA::toString);
        registry.add("labrador.sync-on-start", () -> "false");
        registry.add("labrador.sources.allowed-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("labrador.sources-file", () -> DATA.resolve("none.yml").toString());
        registry.add("labrador.ollama.base-url", () -> "http://127.0.0.1:9");
    }

    static boolean chromiumInstalled() {
        return Chromium.installed();
    }

    @BeforeEach
    void curator() {
        if (accounts.find("carla").isEmpty()) {
            accounts.create("carla", PASSWORD, Role.CURATOR, List.of());
        }
    }

    @Test
    void savingANewSourceSyncsItWithoutSyncNow() throws IOException {
        Path folder = temp("labrador-handbook");
        for (String page : List.of("purity", "pumps", "lifetime")) {
            Files.writeString(folder.resolve(page + ".md"), "# " + page + "\n\nNotes on the " + page + " of the detector.\n");
        }
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            openSources(page);
            Locator state = addDocs(page, "handbook", folder);
            assertThat(state).hasAttribute("data-state", "ok", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(state).containsText("ok, 3 documents");
            assertThat(page.locator(".source-row[data-source='handbook']")).containsText("Docs folder");
        }
    }

    @Test
    void savingAChangedSourceSyncsItButAChangeOfSuggestedQuestionsOnlyDoesNot() throws IOException {
        Path before = temp("labrador-before");
        Files.writeString(before.resolve("old.md"), "# Old\n\nThe old notes.\n");
        Path after = temp("labrador-after");
        for (String note : List.of("purity", "pumps", "lifetime")) {
            Files.writeString(after.resolve(note + ".md"), "# " + note + "\n\nNotes on the " + note + ".\n");
        }
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            openSources(page);
            Locator state = addDocs(page, "moving", before);
            assertThat(state).containsText("ok, 1 document", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));

            // Another folder: saved, and synced without Sync now.
            page.locator(".source-row[data-source='moving'] .edit-source").click();
            page.locator("#source-path input").fill(after.toString());
            page.locator("#save-source").click();
            assertThat(state).containsText("ok, 3 documents", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));

            // Suggested questions are not in the index: saving them leaves the index as it is.
            java.time.Instant synced = curation.byName("moving").orElseThrow().lastSync();
            page.locator(".source-row[data-source='moving'] .edit-source").click();
            page.locator("#source-questions textarea").fill("How pure is the xenon?");
            page.locator("#save-source").click();
            assertThat(page.locator("#source-questions")).hasCount(0);
            SyncService.SourceState now = syncService.state("moving");
            assertThat(now.queued() || now.running()).as("a sync was started").isFalse();
            page.waitForTimeout(1500);
            assertThat(curation.byName("moving").orElseThrow().lastSync()).isEqualTo(synced);
            assertThat(catalog.byName("moving").orElseThrow().definition().suggestedQuestions())
                    .containsExactly("How pure is the xenon?");
        }
    }

    @Test
    void aSourceNeverSyncedSaysSoAndLongNamesShowWhole() {
        String name = "calibration-notes-of-the-second-science-run-with-a-name-longer-than-its-column";
        Path folder = temp("labrador-a-folder-whose-name-goes-on-and-on-past-the-width-of-a-phone-screen");
        catalog.save(new Source(name, "docs", java.util.Map.of("path", folder.toString())));
        try {
            for (int[] size : List.of(new int[] {1440, 900}, new int[] {390, 844})) {
                try (BrowserContext context = chromium.browser().newContext(
                        new Browser.NewContextOptions().setViewportSize(size[0], size[1])); Page page = context.newPage()) {
                    openSources(page);
                    Locator row = page.locator(".source-row[data-source='" + name + "']");
                    Locator state = row.locator(".source-state");
                    assertThat(state).hasAttribute("data-state", "never");
                    assertThat(state).hasText("never synced");
                    assertThat(row.locator("td[data-label='Last sync']")).containsText("never");
                    // Nothing is cut, so nothing needs a tooltip: the name and the folder wrap inside their cell.
                    assertThat(row.locator(".source-name")).hasText(name);
                    assertThat(row.locator(".source-meta")).hasText("Docs folder · " + folder);
                    for (Locator text : List.of(row.locator(".source-name"), row.locator(".source-meta"))) {
                        assertThat((Boolean) text.evaluate("e => e.scrollWidth <= e.clientWidth"
                                + " && e.getBoundingClientRect().right <= e.closest('td').getBoundingClientRect().right + 1"
                                + " && e.getBoundingClientRect().right <= window.innerWidth"))
                                .as(size[0] + " px: " + text).isTrue();
                    }
                }
            }
        } finally {
            catalog.remove(name);
        }
    }

    @Test
    void aFailedSyncSaysWhy() {
        Path missing = DATA.getParent().resolve("labrador-no-such-folder-" + System.nanoTime());
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            openSources(page);
            Locator state = addDocs(page, "ghost", missing);
            assertThat(state).hasAttribute("data-state", "failed", new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            assertThat(state).containsText("failed: docs folder " + missing + " does not exist or is not a folder");
        }
    }

    @Test
    void theFormShowsTheFieldsOfTheChosenKind() {
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            openSources(page);
            page.locator("#add-source").click();
            assertThat(page.locator("#source-path")).isVisible();
            assertThat(page.locator("#source-url")).hasCount(0);

            chooseKind(page, "Git repository");
            for (String field : List.of("#source-url", "#source-path", "#source-branch", "#source-token-env", "#source-excludes")) {
                assertThat(page.locator(field)).isVisible();
            }
            assertThat(page.locator("#source-token-env")).containsText("never the token itself");

            chooseKind(page, "Lab notebook");
            for (String field : List.of("#source-topic", "#source-entries", "#source-archived", "#source-order", "#source-tags")) {
                assertThat(page.locator(field)).isVisible();
            }
            assertThat(page.locator("#source-url")).hasCount(0);
            assertThat(page.locator("#source-path")).hasCount(0);

            // A missing required field is marked with its reason, without a round of guessing.
            page.locator("#source-name input").fill("notes");
            page.locator("#save-source").click();
            assertThat(page.locator("#source-topic")).hasAttribute("invalid", "");
            assertThat(page.locator("#source-topic")).containsText("Topic (topic) is required");
            page.locator("#source-topic input").fill("cryostat");
            page.locator("#save-source").click();
            Locator state = page.locator(".source-state[data-source='notes']");
            assertThat(state).hasAttribute("data-state", "ok", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(state).containsText("ok, 3 documents");
        }
    }

    @Test
    void onAPhoneSourcesAreCardsWithoutSidewaysScrolling() throws IOException {
        Path folder = temp("labrador-phone");
        Files.writeString(folder.resolve("a-rather-long-file-name-that-would-not-fit-on-a-phone-screen.md"), "# A\n\nText.\n");
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
             Page page = context.newPage()) {
            openSources(page);
            Locator state = addDocs(page, "a-source-with-a-really-quite-long-name-for-a-phone", folder);
            assertThat(state).hasAttribute("data-state", "ok", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(page.locator(".source-row").first()).hasCSS("display", "block");
            // The table's header row stays for screen readers only, clipped to one pixel: it cannot be scrolled to.
            assertThat(overflowing(page, ".sources-page > :not(nav), .sources-page > :not(nav) *:not(thead *)")).isEmpty();
            System.out.println("Document width at 390 px: " + page.evaluate("document.scrollingElement.scrollWidth"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/sources-phone.png")));

            page.locator("#add-source").click();
            assertThat(page.locator("#source-path")).isVisible();
            assertThat(overflowing(page, ".source-form, .source-form *")).isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/sources-dialog-phone.png")));
        }
    }

    @Test
    void axeFindsNoCriticalOrSeriousProblemOnThePageOrInItsDialog() throws IOException {
        Path folder = temp("labrador-axe");
        Files.writeString(folder.resolve("guide.md"), "# Guide\n\nText.\n");
        try (BrowserContext context = chromium.browser().newContext(); Page page = context.newPage()) {
            openSources(page);
            Locator state = addDocs(page, "axe-docs", folder);
            assertThat(state).hasAttribute("data-state", "ok", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(Chromium.seriousAccessibilityViolations(page)).as("the Sources page").isEmpty();

            page.locator(".source-row[data-source='axe-docs'] .source-documents").click();
            assertThat(page.locator("#documents")).containsText("guide.md");
            assertThat(Chromium.seriousAccessibilityViolations(page)).as("the documents dialog").isEmpty();
            page.locator(".document-row[data-path='guide.md'] .exclude-document").click();
            assertThat(page.locator(".document-row[data-path='guide.md']")).containsText("excluded");
            page.keyboard().press("Escape");
            assertThat(page.locator("#documents")).hasCount(0);

            page.locator("#add-source").click();
            chooseKind(page, "Git repository");
            assertThat(page.locator("#source-excludes")).isVisible();
            assertThat(Chromium.seriousAccessibilityViolations(page)).as("the source dialog").isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/sources-dialog.png")));
        }
    }

    /** Adds a docs source through the form and saves it; the state cell of its row. */
    private static Locator addDocs(Page page, String name, Path folder) {
        page.locator("#add-source").click();
        page.locator("#source-name input").fill(name);
        page.locator("#source-path input").fill(folder.toString());
        page.locator("#save-source").click();
        return page.locator(".source-state[data-source='" + name + "']");
    }

    /**
     * Picks a kind in the form's select. A click on the select while the form is still being rebuilt for the previous
     * kind can leave its list closed, so the list is opened again until the item can be clicked.
     */
    private static void chooseKind(Page page, String label) {
        Locator select = page.locator("#source-kind");
        Locator item = page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(label));
        for (int attempt = 1; ; attempt++) {
            Chromium.renderedByVaadin(page);
            if (select.getAttribute("opened") == null) {
                select.click();
            }
            try {
                item.click(new Locator.ClickOptions().setTimeout(5_000));
                break;
            } catch (TimeoutError e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        assertThat(select).not().hasAttribute("opened", "");
        Chromium.renderedByVaadin(page);
    }

    private void openSources(Page page) {
        page.navigate("http://localhost:" + port + "/");
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill("carla");
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("input[name='password']").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        page.navigate("http://localhost:" + port + "/sources");
        assertThat(page.locator("#add-source")).isVisible();
    }

    /** Elements that reach past the right edge of the window, by tag, class and text. */
    @SuppressWarnings("unchecked")
    private static List<String> overflowing(Page page, String selector) {
        return (List<String>) page.evaluate("selector => [...document.querySelectorAll(selector)]"
                + ".filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))", selector);
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
