package org.labrador.webui.account;

import java.time.Instant;
import java.util.List;

/** The signed-in user's personal API tokens. Implemented by the chat server. */
public interface TokenService {

    record TokenRow(long id, String name, String prefix, Instant created, Instant lastUsed, boolean revoked) {
    }

    List<TokenRow> list();

    /** Creates a token and returns its secret, which is never shown again. */
    String create(String name);

    void revoke(long id);
}
