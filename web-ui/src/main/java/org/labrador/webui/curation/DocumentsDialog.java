package org.labrador.webui.curation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;

/** A source's documents; each can be excluded (kept out across syncs), pinned (ranked first) or reset. */
final class DocumentsDialog extends Dialog {

    private final SourceAdmin admin;
    private final String source;
    private final Grid<SourceAdmin.DocumentRow> grid = new Grid<>();

    DocumentsDialog(SourceAdmin admin, String source) {
        this.admin = admin;
        this.source = source;
        setHeaderTitle("Documents of " + source);
        setWidth("80vw");
        grid.setId("documents");
        grid.addColumn(SourceAdmin.DocumentRow::path).setHeader("Path").setFlexGrow(3);
        grid.addColumn(SourceAdmin.DocumentRow::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(SourceAdmin.DocumentRow::chunks).setHeader("Passages");
        grid.addColumn(d -> d.flag().isEmpty() ? "" : d.flag()).setHeader("Flag");
        grid.addComponentColumn(this::actions).setHeader("");
        add(grid);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private Div actions(SourceAdmin.DocumentRow row) {
        Div actions = new Div();
        if (!"excluded".equals(row.flag())) {
            Button exclude = new Button("Exclude", e -> set(row, "excluded"));
            exclude.addClassName("exclude-document");
            exclude.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(exclude);
        }
        if (!"pinned".equals(row.flag()) && !"excluded".equals(row.flag())) {
            Button pin = new Button("Pin", e -> set(row, "pinned"));
            pin.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(pin);
        }
        if (!row.flag().isEmpty()) {
            Button reset = new Button("Reset", e -> set(row, "none"));
            reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(reset);
        }
        return actions;
    }

    private void set(SourceAdmin.DocumentRow row, String flag) {
        admin.flag(source, row.path(), flag);
        refresh();
    }

    private void refresh() {
        grid.setItems(admin.documents(source));
    }
}
