package org.labrador.webui.curation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;

/** Adds or edits a source: name, kind, location, branch, token variable, excludes, groups, schedule; test connection. */
final class SourceDialog extends Dialog {

    private final TextField name = field("Name", "source-name");
    private final Select<String> kind = new Select<>();
    private final TextField location = field("Folder or repository URL", "source-location");
    private final TextField branch = field("Branch (git; default branch if empty)", "source-branch");
    private final TextField tokenEnv = field("Token variable (git over https)", "source-token-env");
    private final TextField groups = field("Groups allowed to read (comma-separated; empty: everyone)", "source-groups");
    private final TextField schedule = field("Schedule (cron, e.g. 0 0 3 * * *; empty: manual)", "source-schedule");
    private final TextField link = field("Link template (optional)", "source-link");
    private final TextArea excludes = new TextArea("Exclude globs, one per line");
    private final Div result = new Div();

    SourceDialog(SourceAdmin admin, SourceAdmin.SourceForm existing, Runnable saved) {
        setHeaderTitle(existing == null ? "Add a source" : "Edit " + existing.name());
        kind.setLabel("Kind");
        kind.setId("source-kind");
        kind.setItems(admin.kinds());
        kind.setValue(existing == null ? admin.kinds().getFirst() : existing.kind());
        excludes.setId("source-excludes");
        result.setId("source-result");
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            location.setValue(nullToEmpty(existing.location()));
            branch.setValue(nullToEmpty(existing.branch()));
            tokenEnv.setValue(nullToEmpty(existing.tokenEnv()));
            groups.setValue(String.join(", ", existing.groups()));
            schedule.setValue(nullToEmpty(existing.schedule()));
            link.setValue(nullToEmpty(existing.link()));
            excludes.setValue(String.join("\n", existing.excludes()));
        }
        Button test = new Button("Test connection", e -> {
            try {
                SourceAdmin.TestResult outcome = admin.test(form());
                show((outcome.ok() ? "OK: " : "Failed: ") + outcome.message(), !outcome.ok());
            } catch (RuntimeException ex) {
                show(ex.getMessage(), true);
            }
        });
        test.setId("test-source");
        Button save = new Button("Save", e -> {
            try {
                admin.save(form(), existing == null);
                saved.run();
                close();
            } catch (RuntimeException ex) {
                show(ex.getMessage(), true);
            }
        });
        save.setId("save-source");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div fields = new Div(name, kind, location, branch, tokenEnv, groups, schedule, link, excludes, result);
        fields.addClassName("source-form");
        add(fields);
        getFooter().add(new Button("Cancel", e -> close()), test, save);
    }

    private SourceAdmin.SourceForm form() {
        return new SourceAdmin.SourceForm(name.getValue().strip(), kind.getValue(), location.getValue().strip(),
                blankToNull(branch.getValue()), blankToNull(tokenEnv.getValue()),
                excludes.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                split(groups.getValue()), schedule.getValue().strip(), blankToNull(link.getValue()));
    }

    private void show(String message, boolean error) {
        result.setText(message);
        result.getElement().setAttribute("data-error", Boolean.toString(error));
    }

    private static TextField field(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setWidthFull();
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
