package org.labrador.webui.account;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The sign-in page: the password form ({@code #login}), and a link per configured identity provider. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Labrador")
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView(SignInOptions options) {
        addClassName("login-page");
        form.setId("login");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        add(new H1("Labrador"), form);
        for (SignInOptions.Provider provider : options.providers()) {
            Anchor link = new Anchor(provider.url(), "Sign in with " + provider.label());
            link.setRouterIgnore(true);
            link.addClassName("sso-link");
            add(link);
        }
        if (!options.hasAccounts()) {
            Paragraph hint = new Paragraph("No accounts yet. Create the first admin on the server with "
                    + "'./labrador user add admin --role admin', or start it once with LABRADOR_ADMIN_PASSWORD set.");
            hint.setId("no-accounts");
            add(hint);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
