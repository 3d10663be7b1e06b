package org.labrador.webui.layout;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import jakarta.annotation.security.PermitAll;
import org.labrador.webui.account.SignOut;
import org.labrador.webui.account.Viewer;

/**
 * Every signed-in page sits in this frame: a bar with the menu button, the name of the app, the user and
 * "Sign out" ({@code #sign-out}), always on screen, even at phone width; the menu ({@link Navigation}) in a
 * drawer that stays open beside the page on wide screens and slides over it on narrow ones; the page itself
 * in the document's {@code main} landmark. Any signed-in user may see the frame; each page says who may see it.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final Main main = new Main();

    public MainLayout(Viewer viewer, SignOut signingOut) {
        DrawerToggle toggle = new DrawerToggle();
        toggle.setId("menu-toggle");
        toggle.setAriaLabel("Menu");
        Anchor home = new Anchor(".", "Labrador");
        home.addClassName("app-name");
        Span user = new Span(viewer.name());
        user.addClassName("nav-user");
        Button signOut = new Button("Sign out", e -> signingOut.signOut());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        signOut.addClassName("sign-out");
        // A header (the banner landmark), so that the bar's content is in a landmark as the page's is.
        Header bar = new Header(toggle, home, user, signOut);
        bar.addClassName("app-bar");
        addToNavbar(bar);
        addToDrawer(new Navigation(viewer));
        main.addClassName("page-content");
        setContent(main);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.getElement().removeAllChildren();
    }

    /** On a phone the menu covers the page: it goes once a page is chosen. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (isOverlay()) {
            setDrawerOpened(false);
        }
    }
}
