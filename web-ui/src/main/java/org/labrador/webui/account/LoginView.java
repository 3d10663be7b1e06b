package org.labrador.webui.account;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;

/**
 * The sign-in page: the password form ({@code #login}), and a link per configured identity provider. After a
 * failed attempt the form says why and keeps the user name typed ({@link #LAST_USER_NAME}). Before the first
 * account exists, the first visit goes to the setup page instead ({@link SetupView}), or links to it when
 * an identity provider is configured.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Labrador")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    /** Session attribute: the user name of the last failed sign-in (or of the administrator just created). */
    public static final String LAST_USER_NAME = "labrador.sign-in.user-name";

    /** Puts a name in the form's user name field once the form has rendered, and moves on to the password. */
    private static final String FILL_USER_NAME = """
            const form = this;
            const fill = (tries) => {
              const field = form.querySelector('vaadin-text-field[name="username"], [name="username"]');
              if (!field) { if (tries > 0) requestAnimationFrame(() => fill(tries - 1)); return; }
              field.value = $0;
              const password = form.querySelector('vaadin-password-field[name="password"], [name="password"]');
              if (password) password.focus();
            };
            customElements.whenDefined('vaadin-login-form').then(() => fill(600));""";

    private final SignInOptions options;
    private final LoginForm form = new LoginForm();
    private final Paragraph note = new Paragraph();

    public LoginView(SignInOptions options) {
        this.options = options;
        addClassName("login-page");
        form.setId("login");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        note.setId("sign-in-note");
        note.setVisible(false);
        note.getElement().setAttribute("role", "status");
        add(new H1("Labrador"), note, form);
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
        if (options.setupOpen()) {
            if (options.providers().isEmpty()) {
                event.forwardTo(SetupView.class);
                return;
            }
            // With an identity provider, people may sign in before there is an administrator: both ways stay open.
            Anchor setup = new Anchor("setup", "No administrator yet: create one with the setup code");
            setup.setId("to-setup");
            add(setup);
        }
        Map<String, ?> parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("blocked")) {
            form.setI18n(error("Too many failed sign-ins", "Signing in to this account, or from here, is paused for a"
                    + " while after several wrong passwords. Wait a few minutes, then try again."));
            form.setError(true);
        } else if (parameters.containsKey("error")) {
            form.setI18n(error("Wrong user name or password", "Check both (passwords are case-sensitive) and try again."));
            form.setError(true);
        }
        if (parameters.containsKey("created")) {
            note.setText("The administrator account is ready: sign in with it.");
            note.setVisible(true);
        }
        WrappedSession session = VaadinSession.getCurrent() == null ? null : VaadinSession.getCurrent().getSession();
        if (session != null && session.getAttribute(LAST_USER_NAME) instanceof String typed) {
            session.removeAttribute(LAST_USER_NAME);
            form.getElement().executeJs(FILL_USER_NAME, typed);
        }
    }

    private static LoginI18n error(String title, String message) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle(title);
        i18n.getErrorMessage().setMessage(message);
        return i18n;
    }
}
