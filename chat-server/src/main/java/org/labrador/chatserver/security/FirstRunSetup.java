package org.labrador.chatserver.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The first administrator, made in the browser. While there are no accounts, the server makes a one-time
 * setup code at start and prints it in its log (only someone who can read the server's log can use it);
 * whoever enters it on the setup page with a name and a password becomes the administrator. The code is void
 * once used, and as soon as any account exists another way ({@code labrador user add}, {@code
 * LABRADOR_ADMIN_PASSWORD}). Wrong codes are slowed down by the {@link SignInThrottle}, per address and for
 * the code itself, like passwords: while blocked, even the right code is refused.
 */
@Component
@ConditionalOnWebApplication
public class FirstRunSetup {

    /** What became of an attempt to create the administrator. */
    public enum Outcome { CREATED, WRONG_CODE, BLOCKED, CLOSED }

    /** The throttle's key for guesses of the code, from any address. */
    public static final String THROTTLE_KEY = SignInThrottle.account("first-run setup code");

    private static final Logger log = LoggerFactory.getLogger(FirstRunSetup.class);
    /** No 0/O or 1/I to misread: 32 symbols, so 12 of them are 60 random bits. */
    private static final String SYMBOLS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccounts accounts;
    private final SignInThrottle throttle;
    private String code;

    FirstRunSetup(UserAccounts accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** Makes the one-time code (called at start when there are no accounts) and returns it, as XXXX-XXXX-XXXX. */
    synchronized String open() {
        StringBuilder made = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            made.append(SYMBOLS.charAt(RANDOM.nextInt(SYMBOLS.length())));
            if (i % 4 == 3 && i < 11) {
                made.append('-');
            }
        }
        code = made.toString();
        return code;
    }

    /** Whether the setup page is offered: a code was made, is unused, and nobody has an account yet. */
    public synchronized boolean isOpen() {
        if (code != null && accounts.count() > 0) {
            code = null;
        }
        return code != null;
    }

    /**
     * Creates the administrator when {@code given} is the code, and voids the code.
     *
     * @throws IllegalArgumentException when the code is right but the name or password is not acceptable
     *                                  (the message says why; the code stays valid)
     */
    public synchronized Outcome createAdmin(String given, String username, String password, String address) {
        if (!isOpen()) {
            return Outcome.CLOSED;
        }
        String addressKey = SignInThrottle.address(address);
        if (throttle.blocked(THROTTLE_KEY, addressKey).isPresent()) {
            log.warn("Setup code refused from {}: too many wrong codes", address);
            return Outcome.BLOCKED;
        }
        if (!matches(given)) {
            throttle.accountFailed(THROTTLE_KEY);
            throttle.addressFailed(addressKey);
            log.warn("Wrong setup code from {}", address);
            return Outcome.WRONG_CODE;
        }
        accounts.create(username == null ? "" : username.strip(), password == null ? "" : password, Role.ADMIN, List.of());
        code = null;
        throttle.succeeded(THROTTLE_KEY);
        log.info("Created the first administrator, {}, with the setup code, from {}; the code is now void",
                PasswordSignIn.printable(username), address);
        return Outcome.CREATED;
    }

    /** Compared in constant time, ignoring case, spaces and dashes (as people copy codes). */
    private boolean matches(String given) {
        String typed = given == null ? "" : given.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return MessageDigest.isEqual(typed.getBytes(StandardCharsets.US_ASCII),
                code.replace("-", "").getBytes(StandardCharsets.US_ASCII));
    }
}
