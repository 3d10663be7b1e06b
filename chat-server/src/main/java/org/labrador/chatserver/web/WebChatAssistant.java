package org.labrador.chatserver.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.sources.SourceCuration;
import org.labrador.chatserver.sources.SyncService;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.models.ollama.ModelStatus;
import org.labrador.models.ChatModel;
import org.labrador.retrieval.PassageIndex;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.IndexStats;
import org.labrador.retrieval.ReadAccess;
import org.labrador.webui.chat.AnswerListener;
import org.labrador.webui.chat.AnsweredTurn;
import org.labrador.webui.chat.ChatAssistant;
import org.labrador.webui.chat.Status;
import org.labrador.webui.chat.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat page's view of the application: answers, the signed-in user's conversations and readable sources,
 * status and cited files. What the model's absence needs an administrator to do reaches administrators only.
 */
@Component
class WebChatAssistant implements ChatAssistant, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebChatAssistant.class);

    private final AskService askService;
    private final SyncService syncService;
    private final SourceCatalog catalog;
    private final PassageIndex index;
    private final ChatModel chat;
    private final ExecutorService answering = Executors.newVirtualThreadPerTaskExecutor();

    private final Callers callers;
    private final ConversationStore conversations;
    private final JsonMapper json;
    private static final tools.jackson.core.type.TypeReference<List<Citation>> CITATIONS = new tools.jackson.core.type.TypeReference<>() {
    };

    private final SourceCuration curation;
    private final String contact;

    WebChatAssistant(AskService askService, SyncService syncService, SourceCatalog catalog, PassageIndex index, ChatModel chat,
                     Callers callers, ConversationStore conversations, JsonMapper json, SourceCuration curation,
                     @Value("${labrador.chat.contact:}") String contact) {
        this.curation = curation;
        this.contact = contact == null ? "" : contact.strip();
        this.json = json;
        this.callers = callers;
        this.conversations = conversations;
        this.askService = askService;
        this.syncService = syncService;
        this.catalog = catalog;
        this.index = index;
        this.chat = chat;
    }

    @Override
    public void answer(String question, List<Turn> history, Set<String> sources, AnswerListener listener) {
        answer(question, history, sources, null, listener);
    }

    @Override
    public List<SavedConversation> conversations(String search) {
        return conversations.search(callers.current().id(), search).stream()
                .map(c -> new SavedConversation(c.id(), c.title(), c.updatedAt())).toList();
    }

    @Override
    public Optional<OpenedConversation> openConversation(long id) {
        return conversations.get(callers.current().id(), id).map(detail -> new OpenedConversation(id,
                detail.conversation().title(), detail.exchanges().stream()
                        .map(e -> new AnsweredTurn(e.question(), e.answer(), json.readValue(e.citationsJson(), CITATIONS),
                                e.grounded()))
                        .toList()));
    }

    @Override
    public void renameConversation(long id, String title) {
        conversations.rename(callers.current().id(), id, title);
    }

    @Override
    public void deleteConversation(long id) {
        conversations.delete(callers.current().id(), id);
    }

    @Override
    public void rate(long exchangeId, int rating, String comment) {
        conversations.rate(callers.current().id(), exchangeId, rating, comment);
    }

    @Override
    public void answer(String question, List<Turn> history, Set<String> sources, Long conversationId,
                       AnswerListener listener) {
        List<Exchange> exchanges = askService.recentHistory(question,
                history.stream().map(t -> new Exchange(t.question(), t.answer())).toList());
        UserAccount caller = callers.current(); // on the page's request thread, where the signed-in user is known
        ReadAccess access = ReadAccess.groups(caller.groups());
        boolean admin = caller.role().includes(Role.ADMIN);
        answering.submit(() -> {
            try {
                AtomicReference<String> lead = new AtomicReference<>();
                Answer answer = askService.ask(question, exchanges, sources, access, new AnswerSink() {
                    @Override
                    public void token(String text) {
                        listener.onToken(text);
                    }

                    @Override
                    public void notice(String notice) {
                        listener.onNotice(notice);
                    }

                    /** How to start or pull the model is for whoever runs the server, not for readers. */
                    @Override
                    public void modelNotice(String notice) {
                        if (admin) {
                            listener.onNotice(notice);
                        }
                    }

                    @Override
                    public String asker() {
                        return caller.username();
                    }

                    @Override
                    public void queued(int position) {
                        listener.onQueued(position);
                    }

                    /** The page shows the passages as the citation cards: above them, only the sentence. */
                    @Override
                    public void passages(String sentence, String text) {
                        lead.set(sentence);
                        listener.onToken(sentence);
                    }

                    @Override
                    public void checked(String text, boolean grounded) {
                        listener.onChecked(text, grounded);
                    }
                });
                listener.onCitations(answer.citations());
                if (!answer.covered() && !contact.isBlank()) {
                    listener.onNotice("Not in the sources? Ask " + contact);
                }
                // Kept as shown, so that the conversation reopens as it was read.
                Answer shown = lead.get() == null ? answer
                        : new Answer(lead.get(), answer.citations(), answer.model(), answer.covered(), answer.bestSimilarity());
                ConversationStore.Recorded at = conversations.record(caller.id(), conversationId, question, shown);
                listener.onRecorded(at.conversationId(), at.exchangeId());
                listener.onDone();
            } catch (RuntimeException e) {
                log.warn("Answering failed", e);
                listener.onError("Answering failed: " + e.getMessage());
            }
        });
    }

    @Override
    public List<String> sources() {
        return catalog.readableNames(callers.access());
    }

    @Override
    public Status status() {
        IndexStats stats;
        try {
            stats = index.stats();
        } catch (IOException e) {
            stats = new IndexStats(0, 0, 0);
        }
        double progress = syncService.states().stream()
                .filter(SyncService.SourceState::running)
                .mapToDouble(s -> s.progress() == null ? 0 : s.progress().fraction())
                .min().orElse(1.0);
        ModelStatus model = chat.status();
        Optional<String> damage = syncService.indexDamage();
        List<String> problems = damage.isPresent() ? List.of(damage.get())
                : syncService.states().stream().filter(s -> s.error() != null)
                        .map(s -> s.source() + ": sync failed: " + s.error()).toList();
        // Readers see that the model is not ready; how to start it is for administrators (and for nobody when
        // no one is signed in on this thread).
        String fix = signedInAdmin() ? model.notice() : "";
        return new Status(stats.documents(), stats.chunks(), syncService.lastSync().orElse(null), syncService.running(),
                progress, model.model(), model.state() == ModelStatus.State.READY, fix, problems);
    }

    private boolean signedInAdmin() {
        return callers.signedIn().map(account -> account.role().includes(Role.ADMIN)).orElse(false);
    }

    @Override
    public List<ReadableSource> readableSources() {
        List<String> readable = catalog.readableNames(callers.access());
        return curation.all().stream().filter(s -> readable.contains(s.definition().name()))
                .map(s -> new ReadableSource(s.definition().name(), s.definition().kind(), s.documents(), s.lastSync(),
                        "syncing".equals(s.state()), s.definition().suggestedQuestions()))
                .toList();
    }

    @Override
    public String contact() {
        return contact;
    }

    /**
     * Reads the file through its source (a folder refuses paths outside it; a repository reads the
     * indexed commit), when the source says its documents open in the viewer: never a web source's
     * (that would be a request to its server on the reader's behalf) nor a PDF's.
     */
    @Override
    public Optional<org.labrador.webui.chat.SourceFile> openFile(String source, String path) {
        ReadAccess access = callers.access();
        // A cited file opens only for those who may read its source, as its passages do.
        return catalog.byName(source).filter(s -> s.readableBy(access)).flatMap(s -> {
            if (!s.source().opensInViewer()) {
                return Optional.empty(); // opened where its citation links: its own server, or /files for a paper
            }
            SourceFile file;
            try {
                file = s.source().read(path);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Optional.empty(); // a path leaving the source, or a repository not fetched yet
            }
            return file.isSkipped() ? Optional.empty()
                    : Optional.of(new org.labrador.webui.chat.SourceFile(source, path, file.text()));
        });
    }

    @Override
    public void close() {
        answering.shutdownNow();
    }
}
