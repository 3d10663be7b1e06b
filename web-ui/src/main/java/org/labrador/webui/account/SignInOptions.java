package org.labrador.webui.account;

import java.util.List;

/** What the login page offers besides the password form. Implemented by the chat server. */
public interface SignInOptions {

    /** An identity provider to sign in with (OpenID Connect). */
    record Provider(String label, String url) {
    }

    List<Provider> providers();

    /** False before the first account exists: the page then says how to create the first admin. */
    boolean hasAccounts();

    /**
     * True while the first administrator can be created in the browser with the one-time setup code that the
     * server printed in its log ({@link SetupView}); false once any account exists.
     */
    boolean setupOpen();
}
