package org.labrador.chatserver.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.papers.PaperFolder;
import org.labrador.ingest.wiki.DokuWikiPages;
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
 * {@code #page=N}). Only for readers of its source, as its passages are; only inside the source's folder.
 */
@RestController
class FilesController {

    private final SourceCatalog catalog;
    private final Callers callers;

    FilesController(SourceCatalog catalog, Callers callers) {
        this.catalog = catalog;
        this.callers = callers;
    }

    @GetMapping("/files/{source}/**")
    ResponseEntity<Resource> file(@PathVariable String source, HttpServletRequest request) throws IOException {
        String prefix = request.getContextPath() + "/files/" + source + "/";
        String path = java.net.URLDecoder.decode(request.getRequestURI().substring(
                Math.min(request.getRequestURI().length(), prefix.length())), java.nio.charset.StandardCharsets.UTF_8);
        SourceCatalog.ConfiguredSource configured = catalog.byName(source)
                .filter(s -> s.readableBy(callers.access()))
                .orElse(null);
        if (configured == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build(); // the same for "no such source" and "not yours"
        }
        Path file;
        try {
            file = switch (configured.source()) {
                case PaperFolder papers -> papers.resolve(path);
                case DocsFolder docs -> docs.resolve(path);
                case DokuWikiPages wiki -> wiki.resolve(path);
                default -> throw new NoSuchElementException("this source has no files to open");
            };
        } catch (IllegalArgumentException | NoSuchElementException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        if (!Files.isRegularFile(file)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
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
}
