package org.labrador.chatserver.security;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The local accounts, with hashed passwords, in the database; also what password sign-ins check against. */
@Service
public class UserAccounts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final int MIN_PASSWORD = 10;

    private final JdbcClient db;
    private final PasswordEncoder passwords;

    public UserAccounts(JdbcClient db, PasswordEncoder passwords) {
        this.db = db;
        this.passwords = passwords;
    }

    /** Creates an account; {@code password} may be null for accounts that sign in through OpenID Connect. */
    @Transactional
    public UserAccount create(String username, String password, Role role, Collection<String> groups) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 100 letters, digits or . _ @ -");
        }
        // Names differ by more than case: "Alice" and "alice" would be two people to the eye but one in a log.
        if (db.sql("select count(*) from users where lower(username) = lower(?)").param(username).query(Long.class).single() > 0) {
            throw new IllegalArgumentException("user " + username + " exists already (user names ignore case)");
        }
        db.sql("insert into users (username, password_hash, role) values (?, ?, ?)")
                .params(username, password == null ? null : passwords.encode(checked(password)), role.name())
                .update();
        UserAccount created = find(username).orElseThrow();
        setGroups(username, groups);
        return find(created.username()).orElseThrow();
    }

    public Optional<UserAccount> find(String username) {
        return db.sql("select id, username, role, enabled, created_at from users where username = ?")
                .param(username)
                .query((rs, n) -> new UserAccount(rs.getLong("id"), rs.getString("username"), Role.parse(rs.getString("role")),
                        groupsOf(rs.getLong("id")), rs.getBoolean("enabled"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public Optional<UserAccount> byId(long id) {
        return db.sql("select username from users where id = ?").param(id).query(String.class).optional()
                .flatMap(this::find);
    }

    public List<UserAccount> all() {
        return db.sql("select username from users order by username").query(String.class).list().stream()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    public long count() {
        return db.sql("select count(*) from users").query(Long.class).single();
    }

    @Transactional
    public void setGroups(String username, Collection<String> groups) {
        long id = require(username).id();
        db.sql("delete from user_groups where user_id = ?").param(id).update();
        for (String group : groups.stream().map(String::trim).filter(g -> !g.isEmpty()).distinct().toList()) {
            db.sql("insert into user_groups (user_id, group_name) values (?, ?)").params(id, group).update();
        }
    }

    @Transactional
    public void setRole(String username, Role role) {
        if (role != Role.ADMIN) {
            keepAnAdmin(username, "take the admin role from");
        }
        db.sql("update users set role = ? where id = ?").params(role.name(), require(username).id()).update();
    }

    @Transactional
    public void setEnabled(String username, boolean enabled) {
        if (!enabled) {
            keepAnAdmin(username, "disable");
        }
        db.sql("update users set enabled = ? where id = ?").params(enabled, require(username).id()).update();
    }

    public void setPassword(String username, String password) {
        db.sql("update users set password_hash = ? where id = ?")
                .params(passwords.encode(checked(password)), require(username).id()).update();
    }

    @Transactional
    public void delete(String username) {
        keepAnAdmin(username, "delete");
        db.sql("delete from users where id = ?").param(require(username).id()).update();
    }

    /** The account's name, password hash, state and authorities, for a password sign-in. */
    public UserDetails loadUserByUsername(String username) {
        // An account without a password (it signs in through OpenID Connect) cannot sign in with one.
        var row = db.sql("select username, password_hash, role, enabled from users where username = ? and password_hash is not null")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled"))
                        .authorities(Role.parse(rs.getString("role")).authorities())
                        .build())
                .optional();
        return row.orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** Refuses a change that would leave no enabled admin: nobody could manage accounts any more. */
    private void keepAnAdmin(String username, String change) {
        UserAccount account = require(username);
        if (account.role() == Role.ADMIN && account.enabled()
                && db.sql("select count(*) from users where role = ? and enabled").param(Role.ADMIN.name())
                        .query(Long.class).single() <= 1) {
            throw new IllegalStateException("cannot " + change + " " + username
                    + ": it is the last enabled admin; make another account admin first");
        }
    }

    private UserAccount require(String username) {
        return find(username).orElseThrow(() -> new IllegalArgumentException("no user named " + username));
    }

    private List<String> groupsOf(long userId) {
        return db.sql("select group_name from user_groups where user_id = ? order by group_name").param(userId)
                .query(String.class).list();
    }

    private static String checked(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        return password;
    }
}
