package org.labrador.webui.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.labrador.webui.account.Viewer;

/**
 * A page this user's role may not open ({@code #page-needs-role}): which role it needs and whom to ask,
 * with the menu, and a 403. Only signed-in users get here; the sign-in page takes everyone else.
 */
@ParentLayout(MainLayout.class)
@PermitAll
@PageTitle("Not allowed · Labrador")
public class PageNeedsRole extends Div implements HasErrorParameter<AccessDeniedException> {

    private final Viewer viewer;

    public PageNeedsRole(Viewer viewer) {
        this.viewer = viewer;
        addClassNames("page", "error-page");
        setId("page-needs-role");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        String role = neededRole(event.getLocation().getPath()).orElse(null);
        String yours = viewer.admin() ? "admin" : viewer.curator() ? "curator" : "reader";
        add(new PageHeading(role == null ? "This page is not open to you" : "This page needs the " + role + " role"),
                new Paragraph("You are signed in as " + viewer.name() + ", with the " + yours + " role. "
                        + "An administrator can give you another role on the Users page."));
        return HttpStatusCode.FORBIDDEN.getCode();
    }

    /** The role named on the page's {@link RolesAllowed}, in lower case, as users see roles. */
    private static Optional<String> neededRole(String path) {
        Optional<Class<? extends Component>> page = RouteConfiguration.forApplicationScope().getRoute(path);
        return page.map(p -> p.getAnnotation(RolesAllowed.class))
                .flatMap(allowed -> Arrays.stream(allowed.value()).findFirst())
                .map(role -> role.toLowerCase(Locale.ROOT));
    }
}
