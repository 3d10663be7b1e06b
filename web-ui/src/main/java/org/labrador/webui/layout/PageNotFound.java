package org.labrador.webui.layout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/** An address that is no page ({@code #page-not-found}): said so, with the menu, and a 404. */
@ParentLayout(MainLayout.class)
@PermitAll
@PageTitle("Page not found · Labrador")
public class PageNotFound extends Div implements HasErrorParameter<NotFoundException> {

    public PageNotFound() {
        addClassNames("page", "error-page");
        setId("page-not-found");
        Anchor chat = new Anchor(".", "Go to the chat");
        add(new PageHeading("Page not found"),
                new Paragraph("There is no page at this address. The menu lists the pages you can open."),
                new Paragraph(chat));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpStatusCode.NOT_FOUND.getCode();
    }
}
