package org.labrador.chatserver.security;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * {@code /api/v1/me} and {@code /api/v1/tokens}: the caller's account and personal tokens;
 * {@code /api/v1/users}: accounts (admin role).
 */
@RestController
public class AccountsController {

    /** A new account; {@code password} may be omitted for accounts that sign in through OpenID Connect. */
    public record NewUser(String username, String password, String role, List<String> groups) {
    }

    /** Changes to an account; absent fields stay as they are. */
    public record UserChange(String role, List<String> groups, Boolean enabled, String password) {
    }

    public record NewToken(String name) {
    }

    private final Callers callers;
    private final UserAccounts accounts;
    private final ApiTokens tokens;

    public AccountsController(Callers callers, UserAccounts accounts, ApiTokens tokens) {
        this.callers = callers;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @GetMapping("/api/v1/me")
    public UserAccount me() {
        return callers.current();
    }

    @GetMapping("/api/v1/tokens")
    public List<ApiToken> tokens() {
        return tokens.list(callers.current().username());
    }

    /** Creates a token; the response holds its secret, which is never shown again. */
    @PostMapping("/api/v1/tokens")
    public ResponseEntity<Map<String, Object>> createToken(@RequestBody NewToken request) {
        ApiTokens.Created created = tokens.create(callers.current().username(), request.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token", created.token(), "secret", created.secret()));
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    public ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!tokens.revoke(callers.current().username(), id)) {
            throw new NoSuchElementException("you have no active token " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users")
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> users() {
        return accounts.all();
    }

    @PostMapping("/api/v1/users")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<UserAccount> createUser(@RequestBody NewUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(user.username(), user.password(),
                Role.parse(user.role() == null ? "reader" : user.role()), user.groups() == null ? List.of() : user.groups()));
    }

    @PutMapping("/api/v1/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccount changeUser(@PathVariable String username, @RequestBody UserChange change) {
        accounts.find(username).orElseThrow(() -> new NoSuchElementException("no user named " + username));
        if (change.role() != null) {
            accounts.setRole(username, Role.parse(change.role()));
        }
        if (change.groups() != null) {
            accounts.setGroups(username, change.groups());
        }
        if (change.enabled() != null) {
            accounts.setEnabled(username, change.enabled());
        }
        if (change.password() != null) {
            accounts.setPassword(username, change.password());
        }
        return accounts.find(username).orElseThrow();
    }

    @DeleteMapping("/api/v1/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Void> deleteUser(@PathVariable String username) {
        if (username.equals(callers.current().username())) {
            throw new IllegalStateException("you cannot delete your own account");
        }
        accounts.find(username).orElseThrow(() -> new NoSuchElementException("no user named " + username));
        accounts.delete(username);
        return ResponseEntity.noContent().build();
    }
}
