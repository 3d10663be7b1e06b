package org.labrador.webui.curation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Sources page needs from the application. Implemented by the chat server; methods throw
 * {@link IllegalArgumentException} or {@link IllegalStateException} with a message fit to show.
 */
public interface SourceAdmin {

    /**
     * A source as listed; {@code state} is idle, queued, syncing, error or damaged, {@code progress}
     * 0..1 while syncing, {@code lastSync} null when it never synced; {@code warnings} what the last
     * sync asks a curator to act on although it succeeded.
     */
    record SourceRow(String name, String kind, String location, List<String> groups, String schedule, String origin,
                     String state, Double progress, String currentFile, String error, long documents, long chunks,
                     String revision, Instant lastSync, List<String> skipped, List<String> warnings) {

        public SourceRow {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /**
     * A source as a curator defines it: the fields every kind has, and the kind's own settings by
     * field name (text as strings, lists as lists of strings, numbers, booleans).
     */
    record SourceForm(String name, String kind, Map<String, Object> settings, List<String> groups, String schedule,
                      String link, List<String> suggestedQuestions) {

        public SourceForm {
            suggestedQuestions = suggestedQuestions == null ? List.of() : List.copyOf(suggestedQuestions);
        }

        /** A source without suggested questions. */
        public SourceForm(String name, String kind, Map<String, Object> settings, List<String> groups, String schedule,
                   String link) {
            this(name, kind, settings, groups, schedule, link, List.of());
        }
    }

    /** A kind of source, and the fields its form shows after the common ones. */
    record KindForm(String name, String label, String description, List<Field> fields) {
    }

    /**
     * One field of a kind's form.
     *
     * @param name         the setting's name, the key in {@link SourceForm#settings()}
     * @param key          its key in configuration files ({@code token-env}), which names the field's id
     * @param type         text, url, path, secret-env, list, number, boolean or choice
     * @param defaultValue what applies when the field is left empty, or empty
     * @param choices      the values of a choice
     */
    record Field(String name, String key, String label, String type, boolean required, String defaultValue, String help,
                 List<String> choices) {
    }

    /** A save or test refused for some fields, with the reason for each, by field name. */
    final class InvalidFields extends IllegalArgumentException {

        private final transient Map<String, String> problems;

        public InvalidFields(Map<String, String> problems) {
            super(String.join("; ", problems.values()));
            this.problems = Map.copyOf(problems);
        }

        public Map<String, String> problems() {
            return problems;
        }
    }

    record DocumentRow(String path, String title, int chunks, String flag) {
    }

    record TestResult(boolean ok, String message) {
    }

    List<SourceRow> sources();

    SourceForm form(String name);

    /**
     * Adds or replaces a source; a new or changed source starts syncing (not for a change to its suggested
     * questions only, which the index does not hold).
     *
     * @throws InvalidFields naming the kind's fields at fault
     */
    void save(SourceForm form, boolean creating);

    void remove(String name);

    void syncNow(String name);

    TestResult test(SourceForm form);

    List<DocumentRow> documents(String name);

    /** Sets a document's flag: excluded, pinned or none. */
    void flag(String name, String path, String flag);

    /** The kinds of source that can be added, in the order offered, each with its fields. */
    List<KindForm> kinds();
}
