package org.labrador.webui.layout;

import com.vaadin.flow.component.html.H1;

/** The one level-one heading of a curation, account or error page, which screen readers announce and jump to. */
public class PageHeading extends H1 {

    public PageHeading(String text) {
        super(text);
        addClassName("page-heading");
    }
}
