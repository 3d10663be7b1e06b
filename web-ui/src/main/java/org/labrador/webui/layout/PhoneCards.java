package org.labrador.webui.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * A table that a phone would cut: below {@link #PHONE_WIDTH} pixels its columns give way to one column of
 * cards ({@code .phone-card}), each row's fields stacked under their names, and back when the window widens.
 * The grid stays one grid (lazy loading, one data source); only which columns show changes.
 */
public final class PhoneCards {

    /** Narrower windows than this (CSS pixels) get cards. */
    public static final int PHONE_WIDTH = 600;

    private PhoneCards() {
    }

    /**
     * Adds the card column, headed {@code header} and built by {@code card} for each row, shown in place of the
     * grid's columns on phones.
     */
    public static <T> void stack(Grid<T> grid, String header, SerializableFunction<T, Component> card) {
        List<Grid.Column<T>> columns = List.copyOf(grid.getColumns());
        Grid.Column<T> cards = grid.addComponentColumn(card::apply).setKey("cards").setHeader(header);
        cards.setVisible(false);
        grid.getElement().setAttribute("data-layout", "table");
        grid.addAttachListener(attached -> {
            UI ui = attached.getUI();
            Page page = ui.getPage();
            ExtendedClientDetails details = page.getExtendedClientDetails();
            if (details != null && details.getWindowInnerWidth() > 0) {
                show(grid, columns, cards, details.getWindowInnerWidth() < PHONE_WIDTH);
            } else {
                page.retrieveExtendedClientDetails(d -> show(grid, columns, cards, d.getWindowInnerWidth() < PHONE_WIDTH));
            }
            Registration resize = page.addBrowserWindowResizeListener(e -> show(grid, columns, cards, e.getWidth() < PHONE_WIDTH));
            grid.addDetachListener(detached -> {
                resize.remove();
                detached.unregisterListener();
            });
        });
    }

    /** A card: its title, then a line per field, "name: value" (fields with no value are left out). */
    public static Div card(String title, String... namesAndValues) {
        Div card = new Div();
        card.addClassName("phone-card");
        Div heading = new Div(title);
        heading.addClassName("phone-card-title");
        card.add(heading);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                card.add(line(namesAndValues[i], new Span(value)));
            }
        }
        return card;
    }

    /** One line of a card: the field's name, then what it holds (text, or a control). */
    public static Div line(String name, Component value) {
        Span label = new Span(name);
        label.addClassName("phone-card-name");
        Div line = new Div(label, value);
        line.addClassName("phone-card-line");
        return line;
    }

    private static <T> void show(Grid<T> grid, List<Grid.Column<T>> columns, Grid.Column<T> cards, boolean phone) {
        if (cards.isVisible() == phone) {
            return;
        }
        columns.forEach(column -> column.setVisible(!phone));
        cards.setVisible(phone);
        grid.getElement().setAttribute("data-layout", phone ? "cards" : "table");
    }
}
