package org.labrador.chatserver.sources;

import java.nio.file.Path;

/** What to tell a user whose index is damaged: the one way back, in the same words everywhere. */
public final class IndexRecovery {

    private IndexRecovery() {
    }

    /** How to recover the index in {@code directory}. */
    public static String action(Path directory) {
        return "Restore " + directory + " from a backup, or rebuild it from the sources: stop the server and run"
                + " `labrador index rebuild` (it keeps the damaged index aside and syncs every source again).";
    }

    /** The damage and how to recover, in one line. */
    public static String message(Path directory, String reason) {
        return "The index is damaged (" + reason + "). " + action(directory);
    }
}
