package org.labrador.chatserver.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.chatserver.ask.Exchange;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.chatserver.sources.SourceCatalog;
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
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The chat page's view of the application: answers, status and cited files. */
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

    WebChatAssistant(AskService askService, SyncService syncService, SourceCatalog catalog, PassageIndex index, ChatModel chat,
                     Callers callers, ConversationStore conversations, JsonMapper json) {
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
    public List<SavedConversation> conversations() {
        return conversations.list(callers.current().id()).stream()
                .map(c -> new SavedConversation(c.id(), c.title(), c.updatedAt())).toList();
    }

    @Override
    public List<AnsweredTurn> openConversation(long id) {
        return conversations.get(callers.current().id(), id).map(detail -> detail.exchanges().stream()
                .map(e -> new AnsweredTurn(e.question(), e.answer(), json.readValue(e.citationsJson(), CITATIONS)))
                .toList()).orElse(List.of());
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
        List<Exchange> exchanges = history.stream().map(t -> new Exchange(t.question(), t.answer())).toList();
        UserAccount caller = callers.current(); // on the page's request thread, where the signed-in user is known
        ReadAccess access = ReadAccess.groups(caller.groups());
        answering.submit(() -> {
            try {
                Answer answer = askService.ask(question, exchanges, sources, access, new AnswerSink() {
                    @Override
                    public void token(String text) {
                        listener.onToken(text);
                    }

                    @Override
                    public void notice(String notice) {
                        listener.onNotice(notice);
                    }
                });
                listener.onCitations(answer.citations());
                ConversationStore.Recorded at = conversations.record(caller.id(), conversationId, question, answer);
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
        return new Status(stats.documents(), stats.chunks(), syncService.lastSync().orElse(null), syncService.running(),
                progress, model.model(), model.state() == ModelStatus.State.READY, model.notice(), problems);
    }

    /** Reads the file through its source (a folder refuses paths outside it; a repository reads the indexed commit). */
    @Override
    public Optional<org.labrador.webui.chat.SourceFile> openFile(String source, String path) {
        ReadAccess access = callers.access();
        // A cited file opens only for those who may read its source, as its passages do.
        return catalog.byName(source).filter(s -> s.readableBy(access)).flatMap(s -> {
            if (s.source() instanceof org.labrador.ingest.papers.PaperFolder) {
                return Optional.empty(); // papers open as PDFs, through /files
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
