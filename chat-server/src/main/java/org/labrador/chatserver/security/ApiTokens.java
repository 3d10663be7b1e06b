package org.labrador.chatserver.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens for IDEs and scripts, sent as {@code Authorization: Bearer}. A token is 32
 * random bytes, shown once; only its SHA-256 is stored (a fast hash suffices for a random secret of
 * that size). A revoked token is refused from the next request on: every request checks the database.
 */
@Service
public class ApiTokens {

    /** Marks Labrador tokens, so that secret scanners and people can recognise one. */
    static final String PREFIX = "lab_";

    private final JdbcClient db;
    private final UserAccounts accounts;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient db, UserAccounts accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /** A new token and the secret to show its owner, once. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(String username, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters (what it is for)");
        }
        UserAccount owner = accounts.find(username).orElseThrow(() -> new IllegalArgumentException("no user " + username));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("insert into api_tokens (user_id, name, token_hash, token_prefix) values (?, ?, ?, ?)")
                .params(owner.id(), name.strip(), hash(secret), secret.substring(0, 10))
                .update();
        ApiToken token = db.sql("select * from api_tokens where token_hash = ?").param(hash(secret))
                .query((rs, n) -> row(rs)).single();
        return new Created(token, secret);
    }

    public List<ApiToken> list(String username) {
        return db.sql("select t.* from api_tokens t join users u on u.id = t.user_id where u.username = ? order by t.id")
                .param(username).query((rs, n) -> row(rs)).list();
    }

    /** Revokes one of the user's tokens; false when the user has no such token. */
    public boolean revoke(String username, long tokenId) {
        return db.sql("""
                update api_tokens set revoked_at = current_timestamp
                where id = ? and revoked_at is null and user_id = (select id from users where username = ?)""")
                .params(tokenId, username).update() == 1;
    }

    /** The enabled account a valid, unrevoked token belongs to. */
    public Optional<UserAccount> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Optional<Long> owner = db.sql("select user_id from api_tokens where token_hash = ? and revoked_at is null")
                .param(hash).query(Long.class).optional();
        // Completions come per keystroke: note the use at most once a minute, not on every call.
        owner.ifPresent(id -> db.sql("""
                update api_tokens set last_used_at = current_timestamp
                where token_hash = ? and (last_used_at is null or last_used_at < ?)""")
                .params(hash, java.time.OffsetDateTime.now().minusMinutes(1)).update());
        return owner.flatMap(accounts::byId).filter(UserAccount::enabled);
    }

    private static ApiToken row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                time(rs.getObject("created_at", OffsetDateTime.class)), time(rs.getObject("last_used_at", OffsetDateTime.class)),
                time(rs.getObject("revoked_at", OffsetDateTime.class)));
    }

    private static java.time.Instant time(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
