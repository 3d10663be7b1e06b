package org.labrador.webui.account;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The first visit to a new server, before any account exists: create the administrator ({@code #setup}) with
 * the one-time setup code that the server printed in its log. The form is posted as a plain HTML form to
 * {@code setup/admin}, with the page's CSRF token, as the sign-in form is; the server answers with the
 * sign-in page, or with this page and what went wrong ({@code ?error=...}). Once an account exists, this
 * page is gone: its address leads to the sign-in page.
 */
@Route(value = "setup", autoLayout = false)
@PageTitle("Create the administrator · Labrador")
@AnonymousAllowed
public class SetupView extends Main implements BeforeEnterObserver {

    /** Session attribute: the user name typed in the last attempt, kept for the next one. */
    public static final String TYPED_USER_NAME = "labrador.setup.user-name";
    /** Session attribute: why the name or password was not accepted. */
    public static final String PROBLEM = "labrador.setup.problem";

    /** The form posts itself with the page's CSRF token (a meta tag of every page), on the button or on Enter. */
    private static final String SUBMIT_WITH_CSRF = """
            const form = this;
            const submit = () => {
              const token = document.querySelector('meta[name="_csrf"]');
              const parameter = document.querySelector('meta[name="_csrf_parameter"]');
              form.querySelector('input[type="hidden"]').name = parameter ? parameter.content : '_csrf';
              form.querySelector('input[type="hidden"]').value = token ? token.content : '';
              form.submit();
            };
            form.querySelector('#create-admin').addEventListener('click', submit);
            form.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); submit(); } });""";

    private final SignInOptions options;
    private final TextField username = field(new TextField("Administrator's user name"), "username", "username");
    private final Paragraph problem = new Paragraph();

    public SetupView(SignInOptions options) {
        this.options = options;
        addClassNames("login-page", "setup-page");
        TextField code = field(new TextField("Setup code"), "code", "one-time-code");
        code.setPlaceholder("XXXX-XXXX-XXXX");
        code.setHelperText("Printed in the server's log at start: \"the one-time setup code ...\"");
        username.setValue("admin");
        PasswordField password = field(new PasswordField("Password (10+ characters)"), "password", "new-password");
        PasswordField again = field(new PasswordField("Password again"), "password2", "new-password");
        Button create = new Button("Create the administrator");
        create.setId("create-admin");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        problem.setId("setup-problem");
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);

        Element csrf = new Element("input");
        csrf.setAttribute("type", "hidden");
        Div fields = new Div(code, username, password, again, create);
        fields.addClassName("setup-fields");
        Element form = new Element("form");
        form.setAttribute("method", "post");
        form.setAttribute("action", "setup/admin");
        form.setAttribute("id", "setup");
        form.appendChild(csrf, fields.getElement());
        add(new H1("Labrador"), new H2("Create the administrator"),
                new Paragraph("Nobody has an account here yet. The first account is the administrator's, who then adds"
                        + " everyone else on the Users page. To prove that you run this server, enter the one-time setup"
                        + " code from its log."),
                problem);
        getElement().appendChild(form);
        form.executeJs(SUBMIT_WITH_CSRF);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!options.setupOpen()) {
            event.forwardTo(LoginView.class);
            return;
        }
        WrappedSession session = VaadinSession.getCurrent() == null ? null : VaadinSession.getCurrent().getSession();
        String typed = session == null ? null : (String) session.getAttribute(TYPED_USER_NAME);
        if (typed != null) {
            username.setValue(typed);
        }
        String why = session == null ? null : (String) session.getAttribute(PROBLEM);
        if (session != null) {
            session.removeAttribute(PROBLEM);
        }
        String error = event.getLocation().getQueryParameters().getSingleParameter("error").orElse(null);
        String message = error == null ? null : switch (error) {
            case "code" -> "That is not the setup code. Copy it from the server's log, as printed at its start.";
            case "blocked" -> "Too many wrong setup codes: entering codes is paused for a while. Wait a few minutes, then try again.";
            case "mismatch" -> "The two passwords differ. Type the same password twice.";
            case "invalid" -> why == null ? "That user name or password cannot be used." : "That cannot be used: " + why + ".";
            default -> null;
        };
        problem.setText(message == null ? "" : message);
        problem.setVisible(message != null);
    }

    /** A field posted with the form under {@code name}, with the browser's autofill hint. */
    private static <F extends Component> F field(F field, String name, String autocomplete) {
        field.getElement().setAttribute("name", name);
        field.getElement().setAttribute("autocomplete", autocomplete);
        field.getElement().setAttribute("required", "");
        field.setId("setup-" + name);
        return field;
    }
}
