package org.labrador.webui.account;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;

/** The bar above every page: the pages this user may open, their name, and sign out. */
public class Navigation extends Nav {

    public Navigation(Viewer viewer) {
        addClassName("top-nav");
        add(link("", "Chat"));
        if (viewer.curator()) {
            add(link("sources", "Sources"), link("questions", "Questions"), link("evaluations", "Evaluations"));
        }
        if (viewer.admin()) {
            add(link("users", "Users"));
        }
        add(link("tokens", "API tokens"));
        Span user = new Span(viewer.name());
        user.addClassName("nav-user");
        Anchor signOut = new Anchor("logout", "Sign out");
        signOut.setRouterIgnore(true);
        signOut.setId("sign-out");
        add(user, signOut);
    }

    private static Anchor link(String route, String label) {
        Anchor a = new Anchor(route.isEmpty() ? "." : route, label);
        a.setId("nav-" + (route.isEmpty() ? "chat" : route));
        return a;
    }
}
