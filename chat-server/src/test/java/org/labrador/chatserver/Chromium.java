package org.labrador.chatserver;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, driven headless by Playwright, for the browser tests; and what those tests check on
 * every page: horizontal scrolling, and axe-core's accessibility rules (its script from the axe-core webjar).
 */
public final class Chromium {

    public static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    private static final String AXE_SCRIPT = "/META-INF/resources/webjars/axe-core/" + axeVersion() + "/axe.min.js";

    private Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** Waits until Vaadin's client has nothing in flight: the server's answer to the last step is on the page. */
    public static void renderedByVaadin(Page page) {
        page.waitForFunction("() => !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.keys(window.Vaadin.Flow.clients).length > 0"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive()))"
                + " && document.body.innerText.trim().length > 0");
    }

    /**
     * Switches the system's colour setting as the page sees it, and waits until the open page follows: its colour
     * scheme is then the one asked for.
     */
    static void switchColorScheme(Page page, com.microsoft.playwright.options.ColorScheme scheme) {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        page.waitForFunction("wanted => getComputedStyle(document.documentElement).colorScheme.trim() === wanted",
                scheme == com.microsoft.playwright.options.ColorScheme.DARK ? "dark" : "light");
    }

    /**
     * How many pixels the page is wider than the window, counting the document and the {@code main} landmark
     * (which may scroll on its own inside the app's frame); 0 when nothing scrolls sideways.
     */
    static int horizontalOverflow(Page page) {
        Object overflow = page.evaluate("() => { const d = document.documentElement;"
                + " const main = document.querySelector('main');"
                + " const ofDocument = d.scrollWidth - d.clientWidth;"
                + " const ofMain = main ? main.scrollWidth - main.clientWidth : 0;"
                + " return Math.max(0, ofDocument, ofMain); }");
        return ((Number) overflow).intValue();
    }

    /**
     * axe-core's critical and serious violations on the page as it is now, one line each (rule, impact, where, why).
     *
     * <p>One finding of axe-core 4.6 (the newest axe on Maven Central) is left out: {@code aria-required-children}
     * on Vaadin's grid for the cells of its column-sizing row, a {@code caption} that is hidden (visibility hidden,
     * no height) and so not in the accessibility tree; newer axe versions do not report it.
     */
    public static List<String> seriousAccessibilityViolations(Page page) {
        // Colours in the middle of a transition or of an overlay's opening animation (a dialog fading in) would be
        // judged half-way; endless animations (a progress spinner) are not waited for.
        page.waitForFunction("() => document.getAnimations().every(a => a.playState !== 'running'"
                + " || (a.effect && a.effect.getComputedTiming().iterations === Infinity))");
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeScript()));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const resolve = path => {
                    let root = document, found = null;
                    for (const selector of path) {
                      found = root.querySelector(selector);
                      if (!found) return null;
                      root = found.shadowRoot || found;
                    }
                    return found;
                  };
                  const inGridSizer = related => {
                    // A target is a selector path, or (for an element in a shadow root) a list holding one.
                    const element = resolve(Array.isArray(related.target[0]) ? related.target[0] : related.target);
                    return !!element && !!element.closest('caption#sizer')
                        && getComputedStyle(element.closest('caption#sizer')).visibility === 'hidden';
                  };
                  const onlyGridSizer = node => {
                    const related = [...node.any, ...node.all, ...node.none].flatMap(check => check.relatedNodes);
                    return related.length > 0 && related.every(inGridSizer);
                  };
                  const results = await axe.run(document, {resultTypes: ['violations']});
                  return results.violations
                    .filter(v => v.impact === 'critical' || v.impact === 'serious')
                    .map(v => v.id === 'aria-required-children' ? {...v, nodes: v.nodes.filter(n => !onlyGridSizer(n))} : v)
                    .filter(v => v.nodes.length > 0)
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                targets: v.nodes.slice(0, 5).map(n => JSON.stringify(n.target)).join(' '),
                                why: (v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ')}));
                }""");
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            lines.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("targets") + ": " + v.get("why"));
        }
        return lines;
    }

    private static String axeScript() {
        try (InputStream in = Chromium.class.getResourceAsStream(AXE_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(AXE_SCRIPT + " is not on the test class path (the axe-core webjar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its Maven metadata, so that a version bump in the POM needs no change here. */
    private static String axeVersion() {
        try (InputStream in = Chromium.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
