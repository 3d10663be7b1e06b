package org.labrador.chatserver.conversations;

import java.util.List;
import java.util.NoSuchElementException;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.sources.CuratorAccess;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * {@code /api/v1/conversations} (the caller's own: list, search, open, rename, delete), {@code /api/v1/answers/{id}/feedback} (thumbs up
 * or down on an answer) and {@code /api/v1/questions} (curators: what was asked, and the gaps).
 */
@RestController
public class ConversationsController {

    public record Feedback(int rating, String comment) {
    }

    /** A conversation's new title. */
    public record Rename(String title) {
    }

    private final ConversationStore store;
    private final Callers callers;
    private final boolean showNames;
    private final CuratorAccess curators;

    public ConversationsController(ConversationStore store, Callers callers, Environment environment,
                                   CuratorAccess curators) {
        this.store = store;
        this.callers = callers;
        this.curators = curators;
        // Anonymised unless an admin decides otherwise: people ask more freely when nobody watches.
        this.showNames = environment.getProperty("labrador.questions.show-names", Boolean.class, false);
    }

    /** The caller's conversations, newest first; with {@code q}, those whose title or a question contains it. */
    @GetMapping("/api/v1/conversations")
    public List<ConversationStore.ConversationSummary> list(@RequestParam(required = false) String q) {
        return store.search(callers.current().id(), q);
    }

    @GetMapping("/api/v1/conversations/{id}")
    public ConversationStore.ConversationDetail get(@PathVariable long id) {
        return store.get(callers.current().id(), id).orElseThrow(() -> new NoSuchElementException("you have no conversation " + id));
    }

    @PatchMapping("/api/v1/conversations/{id}")
    public ResponseEntity<Void> rename(@PathVariable long id, @RequestBody Rename rename) {
        if (!store.rename(callers.current().id(), id, rename.title())) {
            throw new NoSuchElementException("you have no conversation " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/conversations/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        if (!store.delete(callers.current().id(), id)) {
            throw new NoSuchElementException("you have no conversation " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/answers/{exchange}/feedback")
    public ResponseEntity<Void> feedback(@PathVariable long exchange, @RequestBody Feedback feedback) {
        store.rate(callers.current().id(), exchange, feedback.rating(), feedback.comment());
        return ResponseEntity.noContent().build();
    }

    /**
     * What was asked, newest first; {@code uncovered=true} lists the questions the sources could not
     * answer. Only questions about sources the curator reads (see {@link CuratorAccess#questions}).
     */
    @GetMapping("/api/v1/questions")
    @PreAuthorize("hasRole('CURATOR')")
    public List<ConversationStore.AskedQuestion> questions(@RequestParam(required = false) String source,
                                                           @RequestParam(defaultValue = "false") boolean uncovered,
                                                           @RequestParam(defaultValue = "200") int limit) {
        return store.questions(source, uncovered, showNames, limit, curators.questions());
    }
}
