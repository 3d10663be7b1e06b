package org.labrador.webui.curation;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source form is built from the kinds' descriptions alone: each kind shows its own fields,
 * changing the kind changes them (keeping what both kinds share), every type gets its input, and
 * a refused field is marked with its reason.
 */
class SourceDialogTest {

    private static final SourceAdmin.KindForm DOCS = new SourceAdmin.KindForm("docs", "Docs folder", "A folder.",
            List.of(field("path", "path", "Folder on this server", "path", true, "")));
    private static final SourceAdmin.KindForm GIT = new SourceAdmin.KindForm("git", "Git repository", "A repository.",
            List.of(field("url", "url", "Repository URL", "url", false, ""),
                    field("path", "path", "Repository on this server", "path", false, ""),
                    field("tokenEnv", "token-env", "Token secret", "secret-env", false, ""),
                    field("excludes", "excludes", "Exclude patterns", "list", false, "")));
    private static final SourceAdmin.KindForm NOTEBOOK = new SourceAdmin.KindForm("notebook", "Lab notebook", "Entries.",
            List.of(field("pages", "pages", "Pages", "number", false, "3"),
                    field("archived", "archived", "Include archived", "boolean", false, ""),
                    new SourceAdmin.Field("order", "order", "Order", "choice", false, "", "h", List.of("newest", "oldest"))));

    private final RecordingAdmin admin = new RecordingAdmin();

    @BeforeEach
    void ui() {
        UI.setCurrent(new UI());
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
    }

    @Test
    void theFormShowsTheFieldsOfTheChosenKindOnly() {
        SourceDialog dialog = new SourceDialog(admin, null, () -> { });
        assertThat(ids(dialog)).contains("source-name", "source-kind", "source-path", "source-groups", "source-schedule",
                "source-link").doesNotContain("source-url", "source-token-env", "source-excludes");
        ((TextField) byId(dialog, "source-path")).setValue("/srv/repos/analysis");

        kind(dialog).setValue(GIT);
        assertThat(ids(dialog)).contains("source-url", "source-path", "source-token-env", "source-excludes");
        assertThat(((TextField) byId(dialog, "source-path")).getValue()).as("kept: both kinds read a path")
                .isEqualTo("/srv/repos/analysis");
        assertThat(byId(dialog, "source-excludes")).isInstanceOf(TextArea.class);
        assertThat(((TextField) byId(dialog, "source-token-env")).getHelperText()).isEqualTo("help for Token secret");

        kind(dialog).setValue(NOTEBOOK);
        assertThat(byId(dialog, "source-pages")).isInstanceOf(NumberField.class);
        assertThat(byId(dialog, "source-archived")).isInstanceOf(Checkbox.class);
        assertThat(byId(dialog, "source-order")).isInstanceOf(Select.class);
        assertThat(ids(dialog)).doesNotContain("source-url", "source-path");
    }

    @Test
    void theFormSendsTypedSettingsAndMarksRefusedFields() {
        SourceDialog dialog = new SourceDialog(admin, null, () -> { });
        ((TextField) byId(dialog, "source-name")).setValue("straxen");
        kind(dialog).setValue(GIT);
        ((TextField) byId(dialog, "source-url")).setValue(" https://github.com/XENONnT/straxen.git ");
        ((TextArea) byId(dialog, "source-excludes")).setValue("docs/legacy/**\n\n*.csv\n");
        ((TextField) byId(dialog, "source-groups")).setValue("xenon, lz");
        admin.refusal = new SourceAdmin.InvalidFields(Map.of("tokenEnv", "Token secret (tokenEnv) is required here"));

        ((Button) byId(dialog, "save-source")).click();
        SourceAdmin.SourceForm sent = admin.saved.getLast();
        assertThat(sent.kind()).isEqualTo("git");
        assertThat(sent.settings()).containsEntry("url", "https://github.com/XENONnT/straxen.git")
                .containsEntry("excludes", List.of("docs/legacy/**", "*.csv"));
        assertThat(sent.groups()).containsExactly("xenon", "lz");
        TextField token = (TextField) byId(dialog, "source-token-env");
        assertThat(token.isInvalid()).isTrue();
        assertThat(token.getErrorMessage()).isEqualTo("Token secret (tokenEnv) is required here");
        assertThat(byId(dialog, "source-result").getElement().getText()).contains("Check the marked fields");
    }

    @Test
    void anEditedSourceShowsItsSettings() {
        SourceAdmin.SourceForm stored = new SourceAdmin.SourceForm("notes", "notebook",
                Map.of("pages", 12L, "archived", true, "order", "oldest"), List.of("cryo"), "0 0 3 * * *", null);
        SourceDialog dialog = new SourceDialog(admin, stored, () -> { });
        assertThat(((NumberField) byId(dialog, "source-pages")).getValue()).isEqualTo(12.0);
        assertThat(((Checkbox) byId(dialog, "source-archived")).getValue()).isTrue();
        assertThat(((TextField) byId(dialog, "source-name")).isReadOnly()).isTrue();
        ((Button) byId(dialog, "save-source")).click();
        assertThat(admin.saved.getLast().settings()).containsEntry("pages", 12L).containsEntry("order", "oldest");
    }

    @Test
    void curatorsSetTheQuestionsNewcomersAreOffered() {
        SourceAdmin.SourceForm stored = new SourceAdmin.SourceForm("notes", "notebook", Map.of("pages", 3L), List.of(),
                "", null, List.of("Where is the S1 threshold set?"));
        SourceDialog dialog = new SourceDialog(admin, stored, () -> { });
        TextArea questions = (TextArea) byId(dialog, "source-questions");
        assertThat(questions.getValue()).isEqualTo("Where is the S1 threshold set?");

        questions.setValue("Where is the S1 threshold set?\n\n  How do I run straxen, step by step?  \n");
        ((Button) byId(dialog, "save-source")).click();
        assertThat(admin.saved.getLast().suggestedQuestions())
                .containsExactly("Where is the S1 threshold set?", "How do I run straxen, step by step?");
    }

    @SuppressWarnings("unchecked")
    private static Select<SourceAdmin.KindForm> kind(SourceDialog dialog) {
        return (Select<SourceAdmin.KindForm>) byId(dialog, "source-kind");
    }

    /** In the dialog's content or its footer (which holds the buttons). */
    private static Component byId(SourceDialog dialog, String id) {
        List<Element> elements = new ArrayList<>(all(dialog.getElement()));
        elements.addAll(all(dialog.getFooter().getElement()));
        return elements.stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst()
                .flatMap(Element::getComponent).orElseThrow(() -> new AssertionError("no #" + id));
    }

    private static List<String> ids(SourceDialog dialog) {
        return all(dialog.getElement()).stream().map(e -> e.getAttribute("id")).filter(id -> id != null).toList();
    }

    private static List<Element> all(Element root) {
        List<Element> found = new ArrayList<>();
        found.add(root);
        root.getChildren().forEach(child -> found.addAll(all(child)));
        return found;
    }

    private static SourceAdmin.Field field(String name, String key, String label, String type, boolean required,
                                           String defaultValue) {
        return new SourceAdmin.Field(name, key, label, type, required, defaultValue, "help for " + label, List.of());
    }

    /** Offers three kinds and records what is saved; refuses once when told to. */
    private static final class RecordingAdmin implements SourceAdmin {
        final List<SourceForm> saved = new ArrayList<>();
        InvalidFields refusal;

        @Override
        public List<KindForm> kinds() {
            return List.of(DOCS, GIT, NOTEBOOK);
        }

        @Override
        public void save(SourceForm form, boolean creating) {
            saved.add(form);
            if (refusal != null) {
                InvalidFields thrown = refusal;
                refusal = null;
                throw thrown;
            }
        }

        @Override
        public List<SourceRow> sources() {
            return List.of(new SourceRow("notes", "notebook", "", List.of(), "", "ui", "idle", null, null, null, 0, 0, "",
                    Instant.EPOCH, List.of(), List.of()));
        }

        @Override
        public SourceForm form(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
        }

        @Override
        public void syncNow(String name) {
        }

        @Override
        public TestResult test(SourceForm form) {
            return new TestResult(true, "reachable");
        }

        @Override
        public List<DocumentRow> documents(String name) {
            return List.of();
        }

        @Override
        public void flag(String name, String path, String flag) {
        }
    }
}
