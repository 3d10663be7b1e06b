package org.labrador.webui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;

/** The admins' list of accounts ({@code #users}): add one, change role, groups or whether it may sign in, delete. */
@Route("users")
@PageTitle("Users · Labrador")
@RolesAllowed("ADMIN")
public class UsersView extends Div {

    private static final List<String> ROLES = List.of("reader", "curator", "admin");

    private final UserAdmin admin;
    private final Grid<UserAdmin.UserRow> grid = new Grid<>();
    private final Div message = new Div();

    public UsersView(UserAdmin admin, Viewer viewer) {
        this.admin = admin;
        addClassNames("page", "wide");
        TextField name = new TextField("User name");
        name.setId("user-name");
        PasswordField password = new PasswordField("Password (10+ characters)");
        password.setId("user-password");
        Select<String> role = roleSelect("reader");
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

        grid.setId("users");
        grid.addColumn(UserAdmin.UserRow::username).setHeader("User");
        grid.addComponentColumn(u -> {
            Select<String> select = roleSelect(u.role());
            select.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), e.getValue(), u.groups(), u.enabled())));
            return select;
        }).setHeader("Role");
        grid.addComponentColumn(u -> {
            TextField field = new TextField();
            field.setValue(String.join(", ", u.groups()));
            field.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), u.role(), split(e.getValue()), u.enabled())));
            return field;
        }).setHeader("Groups");
        grid.addComponentColumn(u -> {
            Checkbox enabled = new Checkbox("may sign in", u.enabled());
            enabled.addValueChangeListener(e -> attempt(() -> admin.update(u.username(), u.role(), u.groups(), e.getValue())));
            return enabled;
        }).setHeader("Enabled");
        grid.addComponentColumn(u -> {
            Button delete = new Button("Delete", e -> attempt(() -> admin.delete(u.username())));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return delete;
        });
        grid.setAllRowsVisible(true);
        add(new Navigation(viewer), new H2("Users"), new Div(name, password, role, groups, add), message, grid);
        refresh();
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
