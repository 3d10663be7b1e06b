package org.labrador.webui.curation;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;

/**
 * One field of a kind's settings in the source form, built from its description: a text field for
 * text, addresses, paths and secret names, a text area for a list (one item per line), a number
 * field, a checkbox or a menu of choices. Each has its label and help text, and its id is
 * {@code source-} and the setting's configuration key ({@code #source-token-env}).
 */
final class SettingField {

    private final SourceAdmin.Field field;
    private final Component component;

    private SettingField(SourceAdmin.Field field, Component component) {
        this.field = field;
        this.component = component;
        component.setId("source-" + field.key());
        component.getElement().setAttribute("data-setting", field.name());
        if (component instanceof HasHelper helper && !field.help().isEmpty()) {
            helper.setHelperText(field.help());
        }
        if (component instanceof HasSize sized) {
            sized.setWidthFull();
        }
        if (component instanceof HasValue<?, ?> value) {
            value.setRequiredIndicatorVisible(field.required());
        }
    }

    static SettingField of(SourceAdmin.Field field) {
        String label = field.label();
        return switch (field.type()) {
            case "list" -> new SettingField(field, new TextArea(label + " (one per line)"));
            case "number" -> {
                NumberField number = new NumberField(label);
                number.setPlaceholder(field.defaultValue());
                yield new SettingField(field, number);
            }
            case "boolean" -> {
                Checkbox box = new Checkbox(label);
                box.setValue(Boolean.parseBoolean(field.defaultValue()));
                yield new SettingField(field, box);
            }
            case "choice" -> {
                Select<String> select = new Select<>();
                select.setLabel(label);
                select.setItems(field.choices());
                select.setEmptySelectionAllowed(!field.required());
                select.setEmptySelectionCaption(field.defaultValue().isEmpty() ? "(none)" : "default: " + field.defaultValue());
                yield new SettingField(field, select);
            }
            default -> {
                TextField text = new TextField(label);
                text.setPlaceholder(field.defaultValue());
                yield new SettingField(field, text);
            }
        };
    }

    SourceAdmin.Field field() {
        return field;
    }

    Component component() {
        return component;
    }

    /** The value to send: a string, a list of strings, a number or a boolean; null when left empty. */
    Object value() {
        return switch (component) {
            case TextArea area -> area.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            case NumberField number -> number.getValue() == null ? null
                    : number.getValue() == Math.rint(number.getValue()) ? (Object) number.getValue().longValue() : number.getValue();
            case Checkbox box -> box.getValue();
            case Select<?> select -> select.getValue();
            case TextField text -> text.getValue().isBlank() ? null : text.getValue().strip();
            default -> null;
        };
    }

    /** Shows a stored value. */
    @SuppressWarnings("unchecked")
    void show(Object value) {
        if (value == null) {
            return;
        }
        switch (component) {
            case TextArea area -> area.setValue(value instanceof List<?> items
                    ? String.join("\n", items.stream().map(String::valueOf).toList()) : value.toString());
            case NumberField number -> number.setValue(value instanceof Number n ? n.doubleValue() : parse(value.toString()));
            case Checkbox box -> box.setValue(value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString()));
            case Select<?> select -> ((Select<String>) select).setValue(value.toString());
            case TextField text -> text.setValue(value.toString());
            default -> { }
        }
    }

    void showProblem(String problem) {
        if (component instanceof HasValidationProperties validated) {
            validated.setErrorMessage(problem);
            validated.setInvalid(true);
        }
    }

    void clearProblem() {
        if (component instanceof HasValidationProperties validated) {
            validated.setInvalid(false);
            validated.setErrorMessage(null);
        }
    }

    private static Double parse(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The fields of a kind, in its order. */
    static List<SettingField> of(SourceAdmin.KindForm kind) {
        List<SettingField> fields = new ArrayList<>();
        kind.fields().forEach(f -> fields.add(of(f)));
        return fields;
    }
}
