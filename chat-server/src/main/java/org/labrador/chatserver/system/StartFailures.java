package org.labrador.chatserver.system;

import org.labrador.chatserver.sources.IndexRecovery;
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

    /** The embedded database is open in another process (a running server). */
    public static final class DatabaseInUse extends AbstractFailureAnalyzer<EmbeddedDatabase.DatabaseInUseException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabase.DatabaseInUseException cause) {
            return new FailureAnalysis(cause.getMessage(), "Stop the other Labrador process first.", cause);
        }
    }
}
