package org.labrador.ingest.papers;

/** A paper that cannot be indexed, with a reason a person can act on ("encrypted PDF: needs a password"). */
final class UnreadablePaper extends Exception {

    UnreadablePaper(String reason) {
        super(reason);
    }
}
