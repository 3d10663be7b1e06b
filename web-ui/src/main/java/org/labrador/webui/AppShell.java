package org.labrador.webui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.page.TargetElement;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: server push, so that answers stream in without the browser asking, and the
 * style sheets. Both style sheets are plain CSS served from {@code META-INF/resources}, which needs no
 * frontend build; {@code context://} keeps them working under a servlet context path. The colours follow
 * the system's light or dark setting, and switch with it while the page is open.
 */
@Push
@StyleSheet("context://" + Lumo.STYLESHEET)
@StyleSheet("context://styles/labrador.css")
public class AppShell implements AppShellConfigurator {

    /**
     * Lumo's dark variant ({@code theme="dark"} on the document) while the system asks for dark colours. Set before
     * the first paint, and again on each change of the setting: changing the attribute restyles every element,
     * where Lumo's light-dark mode left some labels in the previous scheme's colours after a live switch.
     */
    private static final String FOLLOW_SYSTEM_COLOURS = """
            (function () {
              var dark = window.matchMedia('(prefers-color-scheme: dark)');
              function follow() {
                if (dark.matches) {
                  document.documentElement.setAttribute('theme', 'dark');
                } else {
                  document.documentElement.removeAttribute('theme');
                }
              }
              follow();
              dark.addEventListener('change', follow);
            })();""";

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Labrador");
        // A paw, served with the style sheets (open before sign-in): browsers otherwise ask for /favicon.ico and log a 404.
        settings.addLink("styles/labrador-icon.svg", java.util.Map.of("rel", "icon", "type", "image/svg+xml"));
        settings.addInlineWithContents(TargetElement.HEAD, Inline.Position.PREPEND, FOLLOW_SYSTEM_COLOURS,
                Inline.Wrapping.JAVASCRIPT);
    }
}
