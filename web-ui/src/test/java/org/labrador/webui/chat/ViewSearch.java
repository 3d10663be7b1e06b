package org.labrador.webui.chat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds elements in a server-side component tree the way the browser test finds them on the page. */
final class ViewSearch {

    private ViewSearch() {
    }

    static Optional<Element> byId(Component root, String id) {
        return all(root.getElement()).stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst();
    }

    static List<Element> byClass(Component root, String className) {
        return all(root.getElement()).stream().filter(e -> e.getClassList().contains(className)).toList();
    }

    static List<Element> all(Element root) {
        List<Element> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Element element, List<Element> found) {
        found.add(element);
        element.getChildren().forEach(child -> collect(child, found));
    }

    /** The HTML inside a Vaadin {@code Html} component, or the text of plain elements below. */
    static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Element e : all(element)) {
            if (e.getComponent().filter(c -> c instanceof com.vaadin.flow.component.Html).isPresent()) {
                text.append(org.jsoup.Jsoup.parse(((com.vaadin.flow.component.Html) e.getComponent().get())
                        .getInnerHtml()).text()).append(' ');
            } else if (e.isTextNode()) {
                text.append(e.getText()).append(' ');
            }
        }
        return text.toString().strip();
    }
}
