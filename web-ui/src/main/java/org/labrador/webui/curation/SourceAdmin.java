package org.labrador.webui.curation;

import java.time.Instant;
import java.util.List;

/**
 * What the Sources page needs from the application. Implemented by the chat server; methods throw
 * {@link IllegalArgumentException} or {@link IllegalStateException} with a message fit to show.
 */
public interface SourceAdmin {

    /** A source as listed; {@code state} is idle, syncing or error, {@code progress} 0..1 while syncing. */
    record SourceRow(String name, String kind, String location, List<String> groups, String schedule, String origin,
                     String state, Double progress, String currentFile, String error, long documents, long chunks,
                     String revision, Instant lastSync, List<String> skipped) {
    }

    /** A source as a curator defines it; {@code location} is a folder, or a repository URL for git. */
    record SourceForm(String name, String kind, String location, String branch, String tokenEnv, List<String> excludes,
                      List<String> groups, String schedule, String link) {
    }

    record DocumentRow(String path, String title, int chunks, String flag) {
    }

    record TestResult(boolean ok, String message) {
    }

    List<SourceRow> sources();

    SourceForm form(String name);

    void save(SourceForm form, boolean creating);

    void remove(String name);

    void syncNow(String name);

    TestResult test(SourceForm form);

    List<DocumentRow> documents(String name);

    /** Sets a document's flag: excluded, pinned or none. */
    void flag(String name, String path, String flag);

    /** The kinds of source that can be added. */
    List<String> kinds();
}
