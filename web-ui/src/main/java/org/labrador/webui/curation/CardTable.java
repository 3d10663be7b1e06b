package org.labrador.webui.curation;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import java.util.List;

/**
 * A plain HTML table that a phone shows as one card per row ({@code .card-table} in
 * {@code styles/sources.css}): every cell names its column for the card, and explicit ARIA roles
 * keep the table's meaning when the cards are laid out as blocks. Text wraps; nothing is cut.
 */
final class CardTable extends NativeTable {

    private final List<String> columns;

    CardTable(String label, List<String> columns) {
        this.columns = List.copyOf(columns);
        addClassName("card-table");
        getElement().setAttribute("aria-label", label);
        getElement().setAttribute("role", "table");
        getHead().getElement().setAttribute("role", "rowgroup");
        getBody().getElement().setAttribute("role", "rowgroup");
        NativeTableRow header = new NativeTableRow();
        header.getElement().setAttribute("role", "row");
        for (String column : columns) {
            NativeTableHeaderCell th = header.addHeaderCell();
            th.setText(column);
            th.getElement().setAttribute("role", "columnheader");
        }
        getHead().add(header);
    }

    /** A row for the body, not yet added. */
    NativeTableRow row() {
        NativeTableRow tr = new NativeTableRow();
        tr.getElement().setAttribute("role", "row");
        return tr;
    }

    /** Adds a cell of the named column, which a card shows before its value. */
    static void cell(NativeTableRow tr, String column, Component... content) {
        NativeTableCell td = tr.addDataCell();
        td.getElement().setAttribute("data-label", column);
        td.getElement().setAttribute("role", "cell");
        td.add(content);
    }

    /** Replaces the rows. */
    void setRows(List<NativeTableRow> rows) {
        getBody().removeAll();
        rows.forEach(getBody()::add);
    }

    List<String> columns() {
        return columns;
    }
}
