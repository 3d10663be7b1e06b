package org.labrador.webui.layout;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.labrador.webui.account.Viewer;

/** The menu: the pages this user may open ({@code #nav-chat}, {@code #nav-sources}, ...), and no others. */
class Navigation extends SideNav {

    Navigation(Viewer viewer) {
        setId("menu");
        getElement().setAttribute("aria-label", "Pages");
        addItem(item("", "Chat", VaadinIcon.CHAT));
        if (viewer.curator()) {
            addItem(item("sources", "Sources", VaadinIcon.DATABASE), item("questions", "Questions", VaadinIcon.QUESTION_CIRCLE_O),
                    item("evaluations", "Evaluations", VaadinIcon.CHART_LINE));
        }
        if (viewer.admin()) {
            addItem(item("users", "Users", VaadinIcon.USERS));
        }
        addItem(item("tokens", "API tokens", VaadinIcon.KEY_O));
    }

    private static SideNavItem item(String route, String label, VaadinIcon icon) {
        SideNavItem item = new SideNavItem(label, route, icon.create());
        item.setId("nav-" + (route.isEmpty() ? "chat" : route));
        return item;
    }
}
