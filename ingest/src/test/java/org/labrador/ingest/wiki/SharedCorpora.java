package org.labrador.ingest.wiki;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared corpora ({@code ../shared/corpora} beside the repository) by walking up from the
 * module folder, and skips the calling test with a message when they are not on this machine.
 */
public final class SharedCorpora {

    private SharedCorpora() {
    }

    /** The corpora's sub-folder or file {@code relative}, or the test is skipped. */
    public static Path require(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared corpora not found (looked for shared/corpora/" + relative
                + " above the module folder); skipping");
        throw new IllegalStateException("unreachable");
    }
}
