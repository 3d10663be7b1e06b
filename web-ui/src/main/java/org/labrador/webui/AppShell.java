package org.labrador.webui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: server push, so that answers stream in without the browser asking, and the
 * style sheets. Both style sheets are plain CSS served from {@code META-INF/resources}, which needs no
 * frontend build; {@code context://} keeps them working under a servlet context path.
 */
@Push
@StyleSheet("context://" + Lumo.STYLESHEET)
@StyleSheet("context://styles/labrador.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Labrador");
    }
}
