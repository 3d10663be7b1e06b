package org.labrador.chatserver.sources;

import java.io.IOException;
import java.nio.file.Path;
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
     * A source definition as sent to add or edit one, with {@code allowWiderAccess}: an
     * administrator's consent that it opens files to more readers than another source over them.
     */
    public record SourceRequest(String name, String kind, Path path, String url, String branch, String tokenEnv,
                                List<String> excludes, String link, List<String> groups, String schedule,
                                List<String> suggestedQuestions, Boolean allowWiderAccess) {

        boolean widerAccessAllowed() {
            return Boolean.TRUE.equals(allowWiderAccess);
        }

        Source definition(String name) {
            return new Source(name, kind, path, url, branch, tokenEnv, excludes, link, groups, schedule,
                    suggestedQuestions);
        }
    }

    private final SourceCuration curation;
    private final CuratorAccess curators;

    public SourcesController(SourceCuration curation, CuratorAccess curators) {
        this.curation = curation;
        this.curators = curators;
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

    @PostMapping
    public ResponseEntity<SourceStatus> create(@RequestBody SourceRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(curation.save(request.definition(request.name()), true, request.widerAccessAllowed()));
    }

    @PutMapping("/{name}")
    public SourceStatus update(@PathVariable String name, @RequestBody SourceRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            throw new IllegalArgumentException("the name in the body (" + request.name() + ") is not " + name);
        }
        return curation.save(request.definition(name), false, request.widerAccessAllowed());
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
    public SourceCuration.ConnectionTest test(@RequestBody Source definition) {
        return curation.test(definition);
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
