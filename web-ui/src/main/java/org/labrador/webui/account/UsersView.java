package org.labrador.webui.account;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.labrador.webui.layout.PageHeading;
import org.labrador.webui.layout.PhoneCards;

/**
 * The admins' list of accounts ({@code #users}): add one, change role, groups or whether it may sign in, delete.
 * Every control in a row is labelled with the account it changes; on phones each account is a card.
 */
@Route("users")
@PageTitle("Users · Labrador")
@RolesAllowed("ADMIN")
public class UsersView extends Div {

    private static final List<String> ROLES = List.of("reader", "curator", "admin");

    private final UserAdmin admin;
    private final Grid<UserAdmin.UserRow> grid = new Grid<>();
    private final Div message = new Div();

    public UsersView(UserAdmin admin) {
        this.admin = admin;
        addClassNames("page", "wide");
        TextField name = new TextField("User name");
        name.setId("user-name");
        PasswordField password = new PasswordField("Password (10+ characters)");
        password.setId("user-password");
        Select<String> role = roleSelect("reader");
        role.setLabel("Role");
        role.setId("user-role");
        TextField groups = new TextField("Groups (comma-separated)");
        groups.setId("user-groups");
        Button add = new Button("Add user", e -> attempt(() -> {
            admin.create(name.getValue().strip(), password.getValue(), role.getValue(), split(groups.getValue()));
            name.clear();
            password.clear();
            groups.clear();
        }));
        add.setId("add-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        message.setId("user-message");
        message.getElement().setAttribute("role", "status");

        grid.setId("users");
        grid.addColumn(UserAdmin.UserRow::username).setHeader("User").setTooltipGenerator(UserAdmin.UserRow::username);
        grid.addComponentColumn(this::roleOf).setHeader("Role");
        grid.addComponentColumn(this::groupsOf).setHeader("Groups");
        grid.addComponentColumn(this::enabledOf).setHeader("Enabled");
        grid.addComponentColumn(this::deleteOf).setHeader("Delete");
        PhoneCards.stack(grid, "Accounts", u -> {
            Div card = PhoneCards.card(u.username());
            card.add(PhoneCards.line("Role", roleOf(u)), PhoneCards.line("Groups", groupsOf(u)), enabledOf(u), deleteOf(u));
            return card;
        });
        grid.setAllRowsVisible(true);
        Div form = new Div(name, password, role, groups, add);
        form.addClassName("form-row");
        add(new PageHeading("Users"), form, message, grid);
        refresh();
    }

    private Component roleOf(UserAdmin.UserRow u) {
        Select<String> select = roleSelect(u.role());
        select.setAriaLabel("Role of " + u.username());
        select.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), e.getValue(), u.groups(), u.enabled())));
        return select;
    }

    private Component groupsOf(UserAdmin.UserRow u) {
        TextField field = new TextField();
        field.setAriaLabel("Groups of " + u.username() + " (comma-separated)");
        field.setValue(String.join(", ", u.groups()));
        field.setTooltipText(String.join(", ", u.groups()));
        field.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), u.role(), split(e.getValue()), u.enabled())));
        return field;
    }

    private Component enabledOf(UserAdmin.UserRow u) {
        Checkbox enabled = new Checkbox("may sign in", u.enabled());
        enabled.setAriaLabel(u.username() + " may sign in");
        enabled.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), u.role(), u.groups(), e.getValue())));
        return enabled;
    }

    private Component deleteOf(UserAdmin.UserRow u) {
        Button delete = new Button("Delete", e -> attempt(() -> admin.delete(u.username())));
        delete.setAriaLabel("Delete " + u.username());
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private void attempt(Runnable change) {
        try {
            change.run();
            message.setText("");
        } catch (RuntimeException e) {
            message.setText(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(admin.users());
    }

    private static Select<String> roleSelect(String value) {
        Select<String> select = new Select<>();
        select.setItems(ROLES);
        select.setValue(value);
        return select;
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
