package org.labrador.webui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Personal API tokens for IDE plugins and scripts: create one (its secret is shown once, in
 * {@code #new-token}), see when each was last used, revoke one.
 */
@Route("tokens")
@PageTitle("API tokens · Labrador")
@PermitAll
public class TokensView extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final TokenService tokens;
    private final Grid<TokenService.TokenRow> grid = new Grid<>();
    private final Div created = new Div();

    public TokensView(TokenService tokens, Viewer viewer) {
        this.tokens = tokens;
        addClassName("page");
        TextField name = new TextField("What is it for?");
        name.setId("token-name");
        name.setPlaceholder("VS Code on my laptop");
        Button create = new Button("Create token", e -> {
            try {
                String secret = tokens.create(name.getValue());
                created.removeAll();
                Pre shown = new Pre(secret);
                shown.setId("new-token");
                created.add(new Paragraph("Copy it now: it is not shown again. Send it as 'Authorization: Bearer <token>'."),
                        shown);
                name.clear();
                refresh();
            } catch (IllegalArgumentException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.addColumn(TokenService.TokenRow::name).setHeader("Name");
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token");
        grid.addColumn(t -> TIME.format(t.created())).setHeader("Created");
        grid.addColumn(t -> t.lastUsed() == null ? "never" : TIME.format(t.lastUsed())).setHeader("Last used");
        grid.addComponentColumn(t -> {
            if (t.revoked()) {
                return new Div("revoked");
            }
            Button revoke = new Button("Revoke", e -> {
                tokens.revoke(t.id());
                refresh();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.addClassName("revoke");
            return revoke;
        }).setHeader("");
        grid.setId("tokens");
        grid.setAllRowsVisible(true);
        Div form = new Div(name, create);
        form.addClassName("token-form");
        add(new Navigation(viewer), new H2("API tokens"), form, created, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.list());
    }
}
