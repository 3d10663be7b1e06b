package org.labrador.webui.account;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.labrador.webui.layout.PageHeading;
import org.labrador.webui.layout.PhoneCards;

/**
 * Personal API tokens for IDE plugins and scripts: create one (its secret is shown once, in
 * {@code #new-token}), see when each was last used, revoke one. On phones each token is a card.
 */
@Route("tokens")
@PageTitle("API tokens · Labrador")
@PermitAll
public class TokensView extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final TokenService tokens;
    private final Grid<TokenService.TokenRow> grid = new Grid<>();
    private final Div created = new Div();

    public TokensView(TokenService tokens) {
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
        grid.addColumn(TokenService.TokenRow::name).setHeader("Name").setTooltipGenerator(TokenService.TokenRow::name);
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token");
        grid.addColumn(t -> TIME.format(t.created())).setHeader("Created");
        grid.addColumn(TokensView::lastUsed).setHeader("Last used");
        grid.addComponentColumn(this::revokeOf).setHeader("Revoke");
        PhoneCards.stack(grid, "Tokens", t -> {
            Div card = PhoneCards.card(t.name(), "Token", t.prefix() + "…", "Created", TIME.format(t.created()),
                    "Last used", lastUsed(t));
            card.add(revokeOf(t));
            return card;
        });
        grid.setId("tokens");
        grid.setEmptyStateText("No tokens yet.");
        grid.setAllRowsVisible(true);
        Div form = new Div(name, create);
        form.addClassNames("token-form", "form-row");
        add(new PageHeading("API tokens"), form, created, grid);
        refresh();
    }

    private Component revokeOf(TokenService.TokenRow t) {
        if (t.revoked()) {
            return new Div("revoked");
        }
        Button revoke = new Button("Revoke", e -> {
            tokens.revoke(t.id());
            refresh();
        });
        revoke.setAriaLabel("Revoke " + t.name());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        revoke.addClassName("revoke");
        return revoke;
    }

    private static String lastUsed(TokenService.TokenRow t) {
        return t.lastUsed() == null ? "never" : TIME.format(t.lastUsed());
    }

    private void refresh() {
        grid.setItems(tokens.list());
    }
}
