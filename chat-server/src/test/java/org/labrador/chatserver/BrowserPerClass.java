package org.labrador.chatserver;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium ({@link Chromium}) for a browser test class, launched before its first test
 * and closed after its last: {@code @RegisterExtension static final BrowserPerClass chromium = new BrowserPerClass();}.
 */
public final class BrowserPerClass implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The browser; each test opens its own context (cookies, viewport) on it. */
    public Browser browser() {
        return browser;
    }
}
