package org.labrador.ingest.archfixture;

import java.util.List;
import org.labrador.ingest.git.GitLinks;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;

/** A kind that borrows the Git kind's link rules: what {@code KindArchitectureTest} must refuse. */
public final class LeakyKind implements SourceKind {

    @Override
    public String name() {
        return "leaky";
    }

    @Override
    public String label() {
        return "Leaky";
    }

    @Override
    public String description() {
        return "Borrows from another kind.";
    }

    @Override
    public List<Setting> settings() {
        return List.of();
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String citationLink(KindSettings settings) {
        return GitLinks.forRemote("https://github.com/o/r.git", null).template();
    }
}
