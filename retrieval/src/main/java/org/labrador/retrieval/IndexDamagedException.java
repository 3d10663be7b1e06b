package org.labrador.retrieval;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;

/**
 * The index on disk cannot be read or written any more: a file failed its checksum (a disk error,
 * a bit flip), was cut short or is missing, or the writer stopped after such an error. The
 * passages are derived data: the index is restored from a backup or rebuilt from the sources.
 */
public final class IndexDamagedException extends IOException {

    private final Path directory;
    private final String reason;

    public IndexDamagedException(Path directory, String reason, Throwable cause) {
        super("The index at " + directory + " is damaged: " + reason, cause);
        this.directory = directory;
        this.reason = reason;
    }

    public Path directory() {
        return directory;
    }

    /** What is wrong, in one line (which file failed which check). */
    public String reason() {
        return reason;
    }

    /** The damage among {@code failure} and its causes, or null when it is another kind of failure. */
    static Throwable damageIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IndexDamagedException || t instanceof CorruptIndexException
                    || t instanceof IndexFormatTooOldException || t instanceof IndexFormatTooNewException
                    || t instanceof EOFException || t instanceof NoSuchFileException) {
                return t;
            }
        }
        return null;
    }

    /** One line saying what failed, without Lucene's resource descriptions. */
    static String describe(Throwable damage) {
        if (damage instanceof IndexDamagedException d) {
            return d.reason();
        }
        String message = damage.getMessage() == null ? damage.getClass().getSimpleName() : damage.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 299) + "…" : message;
    }
}
