package org.labrador.webui.curation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds or edits a source. The fields every kind has come first (name, kind) and last (readers,
 * schedule, citation link); between them the kind's own fields, built from the kind's description
 * and rebuilt when the kind changes, keeping what was typed in a field both kinds have. Test
 * connection reads the source without indexing; Save stores it, and a new or changed source starts
 * syncing at once. A refused field is marked with its reason.
 */
final class SourceDialog extends Dialog {

    private final SourceAdmin admin;
    private final TextField name = text("Name", "source-name", "Shown in citations: letters, digits, . _ -");
    private final Select<SourceAdmin.KindForm> kind = new Select<>();
    private final Paragraph kindDescription = new Paragraph();
    private final Div kindFields = new Div();
    private final Map<String, SettingField> fields = new LinkedHashMap<>();
    private final TextField groups = text("Groups who may read it", "source-groups",
            "Comma-separated group names; empty: every signed-in user.");
    private final TextField schedule = text("Sync schedule", "source-schedule",
            "A cron expression such as 0 0 3 * * * (3 am daily); empty: when someone presses Sync now.");
    private final TextField link = text("Citation link template", "source-link",
            "Optional: where citations open, with {path} {start} {end} {commit} {page} {anchor}; empty: the kind's default.");
    private final TextArea questions = new TextArea("Suggested questions");
    private final Div result = new Div();

    SourceDialog(SourceAdmin admin, SourceAdmin.SourceForm existing, Runnable saved) {
        this.admin = admin;
        setHeaderTitle(existing == null ? "Add a source" : "Edit " + existing.name());
        addClassName("source-dialog");
        setWidth("min(40rem, 96vw)");
        List<SourceAdmin.KindForm> kinds = admin.kinds();
        name.setRequiredIndicatorVisible(true);
        kind.setLabel("Kind");
        kind.setId("source-kind");
        kind.setWidthFull();
        kind.setItems(kinds);
        kind.setItemLabelGenerator(SourceAdmin.KindForm::label);
        kindDescription.addClassName("kind-description");
        kindFields.addClassName("kind-fields");
        kind.addValueChangeListener(e -> showKind(e.getValue()));
        result.setId("source-result");
        result.getElement().setAttribute("role", "status");
        result.getElement().setAttribute("aria-live", "polite");

        SourceAdmin.KindForm chosen = existing == null ? kinds.getFirst()
                : kinds.stream().filter(k -> k.name().equals(existing.kind())).findFirst().orElse(kinds.getFirst());
        kind.setValue(chosen);
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            existing.settings().forEach((setting, value) -> {
                if (fields.containsKey(setting)) {
                    fields.get(setting).show(value);
                }
            });
            groups.setValue(String.join(", ", existing.groups()));
            schedule.setValue(nullToEmpty(existing.schedule()));
            link.setValue(nullToEmpty(existing.link()));
            questions.setValue(String.join("\n", existing.suggestedQuestions()));
        }
        questions.setId("source-questions");
        questions.setHelperText("One per line: the empty chat page offers them to newcomers who may read this source.");
        questions.setWidthFull();

        Button test = new Button("Test connection", e -> test());
        test.setId("test-source");
        Button save = new Button("Save", e -> save(existing == null, saved));
        save.setId("save-source");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        H3 access = new H3("Readers and schedule");
        access.addClassName("form-section");
        H3 newcomers = new H3("For newcomers");
        newcomers.addClassName("form-section");
        Div form = new Div(name, kind, kindDescription, kindFields, access, groups, schedule, link, newcomers, questions,
                result);
        form.addClassName("source-form");
        add(form);
        getFooter().add(new Button("Cancel", e -> close()), test, save);
    }

    /** Shows a kind's fields, keeping the values of fields that the kind shown before had too. */
    private void showKind(SourceAdmin.KindForm chosen) {
        Map<String, Object> typed = new LinkedHashMap<>();
        fields.forEach((setting, field) -> typed.put(setting, field.value()));
        fields.clear();
        kindFields.removeAll();
        if (chosen == null) {
            return;
        }
        kindDescription.setText(chosen.description());
        for (SettingField field : SettingField.of(chosen)) {
            fields.put(field.field().name(), field);
            kindFields.add(field.component());
            field.show(typed.get(field.field().name()));
        }
    }

    private void test() {
        clearProblems();
        try {
            SourceAdmin.TestResult outcome = admin.test(form());
            show((outcome.ok() ? "OK: " : "Failed: ") + outcome.message(), !outcome.ok());
        } catch (SourceAdmin.InvalidFields e) {
            showProblems(e);
        } catch (RuntimeException e) {
            show(e.getMessage(), true);
        }
    }

    private void save(boolean creating, Runnable saved) {
        clearProblems();
        try {
            SourceAdmin.SourceForm form = form();
            admin.save(form, creating);
            saved.run();
            close();
            Notification.show(creating ? "Added " + form.name() + "; it syncs now" : "Saved " + form.name());
        } catch (SourceAdmin.InvalidFields e) {
            showProblems(e);
        } catch (RuntimeException e) {
            show(e.getMessage(), true);
        }
    }

    private SourceAdmin.SourceForm form() {
        Map<String, Object> settings = new LinkedHashMap<>();
        fields.forEach((setting, field) -> settings.put(setting, field.value()));
        SourceAdmin.KindForm chosen = kind.getValue();
        return new SourceAdmin.SourceForm(name.getValue().strip(), chosen == null ? null : chosen.name(), settings,
                split(groups.getValue()), schedule.getValue().strip(), blankToNull(link.getValue()),
                questions.getValue().lines().map(String::strip).filter(q -> !q.isEmpty()).toList());
    }

    private void showProblems(SourceAdmin.InvalidFields invalid) {
        invalid.problems().forEach((setting, problem) -> {
            if (fields.containsKey(setting)) {
                fields.get(setting).showProblem(problem);
            }
        });
        show("Check the marked fields: " + invalid.getMessage(), true);
    }

    private void clearProblems() {
        fields.values().forEach(SettingField::clearProblem);
        show("", false);
    }

    private void show(String message, boolean error) {
        result.setText(message == null ? "" : message);
        result.getElement().setAttribute("data-error", Boolean.toString(error));
    }

    private static TextField text(String label, String id, String help) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setWidthFull();
        f.setHelperText(help);
        return f;
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
