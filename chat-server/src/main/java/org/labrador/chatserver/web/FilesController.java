package org.labrador.chatserver.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.sources.SourceStore;
import org.labrador.ingest.sync.FolderSource;
import org.labrador.retrieval.PassageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /files/{source}/{path}}: a cited file as it is, such as a paper's PDF (which opens at
 * {@code #page=N}). Only for readers of its source, as its passages are, and only a document the
 * source has indexed and a curator has not excluded: never a hidden file, a file of another type,
 * or a file reached through a link out of the source's folder. Anything else is a 404, the same as
 * for a source the caller may not read.
 */
@RestController
class FilesController {

    private static final Logger log = LoggerFactory.getLogger(FilesController.class);

    private final SourceCatalog catalog;
    private final Callers callers;
    private final PassageIndex index;
    private final SourceStore store;

    FilesController(SourceCatalog catalog, Callers callers, PassageIndex index, SourceStore store) {
        this.catalog = catalog;
        this.callers = callers;
        this.index = index;
        this.store = store;
    }

    /** {@code path} is decoded once by Spring; a still-encoded or climbing path is simply not a document. */
    @GetMapping("/files/{source}/{*path}")
    ResponseEntity<Resource> file(@PathVariable String source, @PathVariable String path) throws IOException {
        String document = path.startsWith("/") ? path.substring(1) : path;
        SourceCatalog.ConfiguredSource configured = catalog.byName(source)
                .filter(s -> s.readableBy(callers.access()))
                .orElse(null);
        if (configured == null || !servable(configured, document)) {
            return notFound(); // the same for "no such source", "not yours" and "not a document of it"
        }
        Path file;
        try {
            // Only sources whose documents are files of a folder on this server have files to open.
            if (!(configured.source() instanceof FolderSource folder)) {
                throw new NoSuchElementException("this source has no files to open");
            }
            file = folder.documentFile(document);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            log.debug("Refused to open {} of source {}: {}", document.replaceAll("\\p{Cntrl}", "?"), source, e.getMessage());
            return notFound();
        }
        if (!Files.isRegularFile(file)) {
            return notFound();
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        MediaType type = name.endsWith(".pdf") ? MediaType.APPLICATION_PDF
                // Anything else is shown as text, never rendered as a page of this site.
                : new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(file));
    }

    /** Whether the path is a document the source has indexed and no curator has excluded. */
    private boolean servable(SourceCatalog.ConfiguredSource source, String document) throws IOException {
        if (document.isEmpty() || document.chars().anyMatch(Character::isISOControl) || document.indexOf('\\') >= 0) {
            return false;
        }
        return index.contains(source.name(), document)
                && store.flags(source.name()).get(document) != SourceStore.Flag.EXCLUDED;
    }

    private static ResponseEntity<Resource> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
}
