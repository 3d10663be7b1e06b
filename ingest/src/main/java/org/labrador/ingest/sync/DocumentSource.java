package org.labrador.ingest.sync;

import java.io.IOException;
import java.util.List;
import org.labrador.ingest.chunking.Passage;

/** A knowledge source whose documents can be listed and read, for {@link SourceSync}. */
public interface DocumentSource {

    /** The source's name, unique among sources; chunks carry it. */
    String name();

    /** Paths of every document the source holds now, with forward slashes, sorted. */
    List<String> list() throws IOException;

    /** The text of one document, or why it is skipped. Never throws for a bad document. */
    SourceFile read(String path);

    /**
     * Whether Labrador's viewer shows this source's documents as the text {@link #read} gives. Yes
     * only for a source read on this server whose text is the document itself (a docs folder, a
     * repository's clone, a wiki's export); no by default. For a source read over the network,
     * reading a document is a request to its server, which a reader opening a citation must not
     * cause; and a document a source cuts itself may hold only a digest of its content (a PDF).
     * Such documents open where their citation links point (their server, or {@code /files}).
     */
    default boolean opensInViewer() {
        return false;
    }

    /**
     * What {@link #list()} left out and why, summed up for a status line (for example
     * "3 binaries, 12 vendored/generated"); empty when nothing was left out.
     */
    default String exclusionSummary() {
        return "";
    }

    /**
     * The parts of this source that its own server shows only to some of its users (a private
     * channel), each named for a curator ("~detector-ops (a private channel)"), as the last
     * {@link #list()} found them; empty by default. A source that has any must implement
     * {@link #openTo}.
     */
    default List<String> restrictedParts() {
        return List.of();
    }

    /**
     * Tells the source which groups its passages are open to (empty: every signed-in user) before a
     * sync lists it. A source with {@link #restrictedParts} leaves them out of {@link #list()} and
     * {@link #read} until it is told of groups: open to everyone, they would reach readers their own
     * server refuses them to (fail closed). Nothing to do by default.
     */
    default void openTo(List<String> groups) {
    }

    /**
     * The URL fragment that opens a passage's section in this source's web view (a wiki's section
     * anchor), already encoded; empty when the source has none. Fills {@code {anchor}} in links.
     */
    default String anchor(Passage passage) {
        return "";
    }
}
