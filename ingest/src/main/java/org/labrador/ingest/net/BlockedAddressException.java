package org.labrador.ingest.net;

import java.io.IOException;

/**
 * A source was about to connect somewhere the {@link AddressPolicy} does not allow. The message
 * names the host and the address it resolved to: it is for the server log, not for the caller,
 * who gets the same generic "could not reach" text as for any unreachable host.
 */
public class BlockedAddressException extends IOException {

    public BlockedAddressException(String message) {
        super(message);
    }
}
