package org.labrador.webui.account;

/**
 * Signing out: ends the user's session as the sign-in chain does (a plain link to {@code logout} would be a GET,
 * which Spring Security's sign-out does not take) and sends the browser to the sign-in page. Implemented by the
 * chat server.
 */
public interface SignOut {

    void signOut();
}
