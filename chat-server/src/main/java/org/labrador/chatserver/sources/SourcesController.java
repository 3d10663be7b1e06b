package org.labrador.chatserver.sources;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.access.prepost.PreAuthorize;

/** {@code /api/v1/sources}: the curators' operations on sources, for scripts (curator role). */
@RestController
@RequestMapping("/api/v1/sources")
@PreAuthorize("hasRole('CURATOR')")
public class SourcesController {

    /** A document flag change: {@code flag} is excluded, pinned or none. */
    public record FlagRequest(String path, String flag) {
    }

    /**
     * The request key with which an administrator consents that a source opens files to more
     * readers than another source over them.
     */
    static final String ALLOW_WIDER_ACCESS = "allowWiderAccess";

    private final SourceCuration curation;
    private final CuratorAccess curators;

    public SourcesController(SourceCuration curation, CuratorAccess curators) {
        this.curation = curation;
        this.curators = curators;
    }

    /** The kinds of source, each with its settings: what a request may give for each kind. */
    @GetMapping("/kinds")
    public List<KindDescription> kinds() {
        return curation.kinds();
    }

    @GetMapping
    public List<SourceStatus> list() {
        return curation.all().stream().map(this::visible).toList();
    }

    @GetMapping("/{name}")
    public ResponseEntity<SourceStatus> get(@PathVariable String name) {
        return ResponseEntity.of(curation.byName(name).map(this::visible));
    }

    /** A source's status; without its file paths for a curator outside its groups. */
    private SourceStatus visible(SourceStatus status) {
        return curators.mayRead(status.definition().name()) ? status : status.withoutPaths();
    }

    /**
     * Adds a source: {@code name}, {@code kind}, {@code groups}, {@code schedule}, {@code link}, and the
     * kind's settings, either as more keys of the same object or in a {@code settings} object (see
     * {@link #kinds()}); {@code allowWiderAccess} as in {@link GroupIsolation}. Adding starts its sync.
     */
    @PostMapping
    public ResponseEntity<SourceStatus> create(@RequestBody Map<String, Object> request) {
        Source definition = definition(request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(curation.save(definition, true, widerAccessAllowed(request)));
    }

    /** Replaces a source's definition, as {@link #create}; a change starts its sync. */
    @PutMapping("/{name}")
    public SourceStatus update(@PathVariable String name, @RequestBody Map<String, Object> request) {
        Source definition = definition(request);
        if (definition.name() != null && !definition.name().equals(name)) {
            throw new IllegalArgumentException("the name in the body (" + definition.name() + ") is not " + name);
        }
        return curation.save(new Source(name, definition.kind(), definition.settings(), definition.link(),
                definition.groups(), definition.schedule()), false, widerAccessAllowed(request));
    }

    private static Source definition(Map<String, Object> request) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>(request);
        entry.remove(ALLOW_WIDER_ACCESS);
        return Source.fromEntry(entry);
    }

    private static boolean widerAccessAllowed(Map<String, Object> request) {
        return Boolean.TRUE.equals(request.get(ALLOW_WIDER_ACCESS));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> remove(@PathVariable String name) {
        curation.remove(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/sync")
    public ResponseEntity<Map<String, String>> sync(@PathVariable String name) {
        curation.syncNow(name);
        return ResponseEntity.accepted().body(Map.of("status", "sync started", "source", name));
    }

    /** Checks a definition (new or existing) without saving it. */
    @PostMapping("/test")
    public SourceCuration.ConnectionTest test(@RequestBody Map<String, Object> request) {
        return curation.test(definition(request));
    }

    @GetMapping("/{name}/documents")
    public List<SourceCuration.DocumentEntry> documents(@PathVariable String name) {
        curators.requireReadable(name);
        return curation.documents(name);
    }

    @PutMapping("/{name}/documents/flag")
    public ResponseEntity<Void> flag(@PathVariable String name, @RequestBody FlagRequest request) throws IOException {
        curators.requireReadable(name);
        curation.flag(name, request.path(), request.flag());
        return ResponseEntity.noContent().build();
    }
}
