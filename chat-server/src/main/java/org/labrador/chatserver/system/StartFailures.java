package org.labrador.chatserver.system;

import org.labrador.chatserver.sources.IndexRecovery;
import org.labrador.models.EmbeddingUnavailableException;
import org.labrador.models.embedding.LocalEmbedding;
import org.labrador.retrieval.IndexDamagedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Failures at start that the user can act on: Spring Boot reports them as a short description and
 * action (registered in {@code META-INF/spring.factories}) instead of a long chain of bean errors.
 */
public final class StartFailures {

    private StartFailures() {
    }

    /** The index cannot be opened: a file is damaged. */
    public static final class DamagedIndex extends AbstractFailureAnalyzer<IndexDamagedException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, IndexDamagedException cause) {
            return new FailureAnalysis(cause.getMessage(), IndexRecovery.action(cause.directory()), cause);
        }
    }

    /** The index holds vectors of another length than the configured embedding model gives. */
    public static final class EmbeddingChangedException extends IllegalStateException {
        private final transient java.nio.file.Path directory;

        EmbeddingChangedException(java.nio.file.Path directory, int held, LocalEmbedding embedding) {
            super("The index at " + directory + " holds " + held + "-dimensional vectors, but the embedding model "
                    + embedding.name() + " gives " + embedding.dimension() + ": its passages cannot be searched or "
                    + "added with it.");
            this.directory = directory;
        }
    }

    /** The embedding model was changed to one of another vector length. */
    public static final class EmbeddingChanged extends AbstractFailureAnalyzer<EmbeddingChangedException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddingChangedException cause) {
            return new FailureAnalysis(cause.getMessage(), "Re-embed every source with the new model: stop the server"
                    + " and run `labrador index rebuild` (it keeps the old index aside), or set labrador.embedding back"
                    + " to the model the index was built with.", cause);
        }
    }

    /** A served embedding model could not be asked its vector length at start. */
    public static final class EmbeddingUnavailable extends AbstractFailureAnalyzer<EmbeddingUnavailableException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddingUnavailableException cause) {
            return new FailureAnalysis(cause.getMessage(), "Start the embedding model's server, or give its vector"
                    + " length as labrador.embedding.dimension so that Labrador can start without asking.", cause);
        }
    }

    /** The embedded database is open in another process (a running server). */
    public static final class DatabaseInUse extends AbstractFailureAnalyzer<EmbeddedDatabase.DatabaseInUseException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabase.DatabaseInUseException cause) {
            return new FailureAnalysis(cause.getMessage(), "Stop the other Labrador process first.", cause);
        }
    }
}
