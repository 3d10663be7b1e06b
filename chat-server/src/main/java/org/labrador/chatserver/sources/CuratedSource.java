package org.labrador.chatserver.sources;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;

/**
 * A source as a curator left it: the documents they excluded are not listed, so a sync leaves them
 * out of the index (and removes them if they were in it), on every sync.
 */
final class CuratedSource implements VersionedSource {

    private final DocumentSource source;
    private final Set<String> excluded;

    CuratedSource(DocumentSource source, Set<String> excluded) {
        this.source = source;
        this.excluded = Set.copyOf(excluded);
    }

    /** The source itself when nothing is excluded, so that it keeps its own nature (versioned or not). */
    static DocumentSource of(DocumentSource source, Set<String> excluded) {
        return excluded.isEmpty() ? source : new CuratedSource(source, excluded);
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<String> list() throws IOException {
        return source.list().stream().filter(p -> !excluded.contains(p)).toList();
    }

    @Override
    public SourceFile read(String path) {
        return source.read(path);
    }

    @Override
    public String exclusionSummary() {
        String own = source.exclusionSummary();
        String curated = excluded.size() + " excluded by a curator";
        return own.isEmpty() ? curated : own + ", " + curated;
    }

    @Override
    public boolean opensInViewer() {
        return source.opensInViewer();
    }

    @Override
    public List<String> restrictedParts() {
        return source.restrictedParts();
    }

    @Override
    public void openTo(List<String> groups) {
        source.openTo(groups);
    }

    @Override
    public String anchor(Passage passage) {
        return source.anchor(passage);
    }

    /** An unversioned source has no revision: the empty one, which the sync does not record. */
    @Override
    public String update() throws IOException {
        return source instanceof VersionedSource versioned ? versioned.update() : "";
    }

    @Override
    public Optional<Set<String>> changedSince(String revision) {
        return source instanceof VersionedSource versioned ? versioned.changedSince(revision) : Optional.empty();
    }
}
