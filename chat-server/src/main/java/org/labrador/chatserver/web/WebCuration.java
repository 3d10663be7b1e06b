package org.labrador.chatserver.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.labrador.chatserver.conversations.ConversationStore;
import org.labrador.chatserver.eval.EvaluationRuns;
import org.labrador.chatserver.eval.GoldQuestions;
import org.labrador.chatserver.security.Callers;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.sources.CuratorAccess;
import org.labrador.chatserver.sources.SourceCatalog;
import org.labrador.chatserver.sources.SourceCuration;
import org.labrador.chatserver.sources.SourceRules;
import org.labrador.chatserver.sources.SourceStatus;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.ingest.kind.InvalidSettingsException;
import org.labrador.retrieval.SearchMode;
import org.labrador.webui.curation.EvaluationLog;
import org.labrador.webui.curation.QuestionLog;
import org.labrador.webui.curation.SourceAdmin;
import org.springframework.core.env.Environment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The curators' pages' view of the application: sources and the questions asked. */
@Component
class WebCuration implements SourceAdmin, QuestionLog, EvaluationLog {

    private final SourceCuration curation;
    private final SourceCatalog catalog;
    private final ConversationStore conversations;
    private final boolean showNames;
    private final EvaluationRuns evaluations;
    private final Callers callers;
    private final CuratorAccess curators;

    WebCuration(SourceCuration curation, SourceCatalog catalog, ConversationStore conversations, Environment environment,
                EvaluationRuns evaluations, Callers callers, CuratorAccess curators) {
        this.callers = callers;
        this.curators = curators;
        this.evaluations = evaluations;
        this.curation = curation;
        this.catalog = catalog;
        this.conversations = conversations;
        this.showNames = environment.getProperty("labrador.questions.show-names", Boolean.class, false);
    }

    @Override
    public List<SourceRow> sources() {
        requireCurator();
        return curation.all().stream().map(s -> row(curators.mayRead(s.definition().name()) ? s : s.withoutPaths())).toList();
    }

    private static SourceRow row(SourceStatus s) {
        return new SourceRow(s.definition().name(), s.definition().kind(), s.location(), s.definition().groups(),
                s.definition().schedule(), s.origin(), s.state(), s.progress(), s.currentFile(), s.error(), s.documents(),
                s.chunks(), s.revision(), s.lastSync(), s.skipped().stream().map(k -> k.path() + ": " + k.reason()).toList(),
                s.warnings());
    }

    @Override
    public SourceForm form(String name) {
        Source d = SourceRules.redacted(catalog.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("no source " + name)).definition());
        return new SourceForm(d.name(), d.kind(), d.settings(), d.groups(), d.schedule(), d.link(), d.suggestedQuestions());
    }

    @Override
    public void save(SourceForm form, boolean creating) {
        requireCurator();
        Source definition = definition(form);
        try {
            curation.save(definition, creating);
        } catch (InvalidSettingsException e) {
            throw new InvalidFields(e.problems());
        }
    }

    private static Source definition(SourceForm form) {
        return new Source(form.name(), form.kind(), form.settings(), form.link(), form.groups(), form.schedule(),
                form.suggestedQuestions());
    }

    @Override
    public void remove(String name) {
        requireCurator();
        curation.remove(name);
    }

    @Override
    public void syncNow(String name) {
        requireCurator();
        curation.syncNow(name);
    }

    @Override
    public TestResult test(SourceForm form) {
        requireCurator();
        SourceCuration.ConnectionTest result = curation.test(definition(form));
        return new TestResult(result.ok(), result.message());
    }

    @Override
    public List<DocumentRow> documents(String name) {
        requireCurator();
        curators.requireReadable(name);
        return curation.documents(name).stream().map(d -> new DocumentRow(d.path(), d.title(), d.chunks(), d.flag())).toList();
    }

    @Override
    public void flag(String name, String path, String flag) {
        requireCurator();
        curators.requireReadable(name);
        try {
            curation.flag(name, path, flag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages are for curators only; so is every change they make, whoever calls. */
    private void requireCurator() {
        if (!callers.current().role().includes(Role.CURATOR)) {
            throw new AccessDeniedException("curators only");
        }
    }

    /** The form of each kind, from the kind's own description: a new kind needs no change here. */
    @Override
    public List<KindForm> kinds() {
        return curation.kinds().stream().map(k -> new KindForm(k.name(), k.label(), k.description(),
                k.settings().stream().map(s -> new Field(s.name(), s.configKey(), s.label(), s.type(), s.required(),
                        s.defaultValue(), s.help(), s.choices())).toList())).toList();
    }

    @Override
    public List<AskedQuestion> questions(String source, boolean uncoveredOnly) {
        requireCurator();
        return conversations.questions(source, uncoveredOnly, showNames, 500, curators.questions()).stream()
                .map(q -> new AskedQuestion(q.askedAt(), q.question(), q.covered(), q.bestSimilarity(), q.sources(),
                        q.rating(), q.feedback(), q.username(), q.grounded()))
                .toList();
    }

    @Override
    public List<EvaluationLog.Run> runs() {
        requireCurator();
        return evaluations.all().stream().filter(r -> r.source().isEmpty() || curators.mayRead(r.source())).map(r -> new EvaluationLog.Run(r.ranAt(), r.questions(), r.source(), r.mode(),
                r.k(), r.total(), r.hitRate(), r.mrr())).toList();
    }

    @Override
    public String run(String questionsFile, String source, int k) {
        requireCurator();
        if (source != null && !source.isBlank()) {
            curators.requireReadable(source);
        }
        try {
            Path questions = catalog.folders().requireReadableFile(Path.of(questionsFile), ".jsonl");
            GoldQuestions.Report report = evaluations.run(questions, source, SearchMode.HYBRID, k, curators.access());
            return String.format(java.util.Locale.ROOT, "%d questions: hit@%d %.3f, MRR %.3f, %d missed",
                    report.questions(), k, report.hitAtK(), report.mrr(), report.misses().size());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use " + questionsFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> sourceNames() {
        return catalog.all().stream().map(SourceCatalog.ConfiguredSource::name).filter(curators::mayRead).toList();
    }
}
