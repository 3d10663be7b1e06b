package org.labrador.chatserver.web;

import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.webui.chat.KindLabels;
import org.springframework.stereotype.Component;

/** The kinds' labels for the chat's start page, from the same registry as the Sources page's. */
@Component
class WebKindLabels implements KindLabels {

    private final SourceCatalog catalog;

    WebKindLabels(SourceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String label(String kind) {
        return catalog.kinds().find(kind).map(SourceKind::label).orElse(kind);
    }
}
