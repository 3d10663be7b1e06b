package org.labrador.chatserver.security;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs in with a user name and password, as Spring Security's {@link DaoAuthenticationProvider} does
 * (which also hashes a dummy password for unknown names, so that they take as long as known ones), behind a
 * {@link SignInThrottle}. Every failure is logged with the account name and the address it came from.
 */
final class PasswordSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    PasswordSignIn(DaoAuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String account = SignInThrottle.account(request.getName());
        String remote = remoteAddress(request);
        String address = SignInThrottle.address(remote);
        Optional<Duration> blocked = throttle.blocked(account, address);
        if (blocked.isPresent()) {
            log.warn("Sign-in refused for '{}' from {}: too many failed attempts, blocked for {} s more",
                    printable(request.getName()), remote, blocked.get().toSeconds() + 1);
            throw new LockedException("too many failed sign-ins; try again later");
        }
        try {
            Authentication signedIn = passwords.authenticate(request);
            throttle.succeeded(account);
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.accountFailed(account);
            throttle.addressFailed(address);
            log.warn("Failed sign-in for '{}' from {}: {}", printable(request.getName()), remote, e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private static String remoteAddress(Authentication request) {
        return request.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "an unknown address";
    }

    /** A name as typed may hold line breaks or escapes meant to forge log lines: keep it to one short printable line. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String line = text.codePoints().map(c -> Character.isISOControl(c) || c > 0xFFFF ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
