package org.labrador.webui.curation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/**
 * A source's documents; each can be excluded (kept out across syncs), pinned (ranked first) or
 * reset. A table on wide screens, cards on phones; paths wrap, never cut.
 */
final class DocumentsDialog extends Dialog {

    private final SourceAdmin admin;
    private final String source;
    private final CardTable table = new CardTable("Documents", List.of("Path", "Title", "Passages", "Flag", "Actions"));
    private final Paragraph empty = new Paragraph("No documents indexed yet.");

    DocumentsDialog(SourceAdmin admin, String source) {
        this.admin = admin;
        this.source = source;
        setHeaderTitle("Documents of " + source);
        setWidth("min(70rem, 96vw)");
        table.setId("documents");
        add(table, empty);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private NativeTableRow row(SourceAdmin.DocumentRow document) {
        NativeTableRow tr = table.row();
        tr.addClassName("document-row");
        tr.getElement().setAttribute("data-path", document.path());
        CardTable.cell(tr, "Path", new Span(document.path()));
        CardTable.cell(tr, "Title", new Span(document.title()));
        CardTable.cell(tr, "Passages", new Span(Integer.toString(document.chunks())));
        CardTable.cell(tr, "Flag", new Span(document.flag().isEmpty() ? "none" : document.flag()));
        CardTable.cell(tr, "Actions", actions(document));
        return tr;
    }

    private Div actions(SourceAdmin.DocumentRow row) {
        Div actions = new Div();
        actions.addClassName("source-actions");
        if (!"excluded".equals(row.flag())) {
            Button exclude = new Button("Exclude", e -> set(row, "excluded"));
            exclude.addClassName("exclude-document");
            exclude.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(exclude);
        }
        if (!"pinned".equals(row.flag()) && !"excluded".equals(row.flag())) {
            Button pin = new Button("Pin", e -> set(row, "pinned"));
            pin.addClassName("pin-document");
            pin.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(pin);
        }
        if (!row.flag().isEmpty()) {
            Button reset = new Button("Reset", e -> set(row, "none"));
            reset.addClassName("reset-document");
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
        List<SourceAdmin.DocumentRow> documents = admin.documents(source);
        table.setRows(documents.stream().map(this::row).toList());
        empty.setVisible(documents.isEmpty());
    }
}
