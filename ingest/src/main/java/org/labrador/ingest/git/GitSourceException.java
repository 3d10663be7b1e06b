package org.labrador.ingest.git;

/**
 * A Git source could not be fetched: remote unreachable, authentication failed, branch not found,
 * bad settings. The message is written for the person running Labrador and is safe to show: it
 * never contains an access token or a URL password.
 */
public class GitSourceException extends Exception {

    public GitSourceException(String message) {
        super(message);
    }

    /**
     * The cause is kept for its stack trace only: its own message may hold secrets, so callers
     * show {@link #getMessage()}, which has been redacted.
     */
    public GitSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
