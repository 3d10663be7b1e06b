package org.labrador.chatserver.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in the data dir, locked down: embedded mode only (no TCP server), a
 * random password for {@code sa} kept in {@code db-password} beside the database (made at the first
 * start), the folder {@code 0700} and the database files {@code 0600} where the file system has
 * POSIX permissions. A database made by an older Labrador with the empty password gets the
 * generated one on its first start.
 */
public final class EmbeddedDatabase {

    /** The file beside the database that holds the generated password. */
    public static final String PASSWORD_FILE = "db-password";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String PREFIX = "jdbc:h2:file:";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private EmbeddedDatabase() {
    }

    /** Whether Labrador manages this database's password: an H2 file URL configured without one. */
    public static boolean managed(String url, String password) {
        return url != null && url.startsWith(PREFIX) && (password == null || password.isEmpty());
    }

    /**
     * Readies the database at {@code url} for {@code user}: secures its folder and files and returns
     * the password to connect with (generated once, or the one stored before).
     *
     * @throws DatabaseInUseException when another process (a running server) has the database open
     */
    public static String prepare(String url, String user) {
        Path database = databaseFile(url);
        Path folder = database.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            restrict(folder, OWNER_DIR);
            String password = password(folder.resolve(PASSWORD_FILE));
            open(url, user, password);
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().startsWith(database.getFileName() + "."))
                        .forEach(f -> restrict(f, OWNER_FILE));
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database folder " + folder, e);
        }
    }

    /** {@code jdbc:h2:file:./data/labrador;OPTION=…} → {@code ./data/labrador}. */
    static Path databaseFile(String url) {
        String rest = url.substring(PREFIX.length());
        int options = rest.indexOf(';');
        return Path.of(options < 0 ? rest : rest.substring(0, options));
    }

    /** The stored password, or a new random one written (owner-only) on first use. */
    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, OWNER_FILE);
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random); // hex: safe inside an SQL literal
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        try {
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(fresh);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is creating " + file, e);
        }
        Files.writeString(fresh, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * Opens (creating it if new) the database once with the password; a database still on the
     * empty password of older versions is given it.
     */
    private static void open(String url, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new DatabaseInUseException(databaseFile(url));
            }
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("cannot open the database " + databaseFile(url) + ": " + e.getMessage(), e);
            }
        }
        try (Connection old = DriverManager.getConnection(url, user, ""); Statement sql = old.createStatement()) {
            sql.execute("ALTER USER \"" + user.toUpperCase(java.util.Locale.ROOT).replace("\"", "\"\"")
                    + "\" SET PASSWORD '" + password + "'");
            log.info("The database {} had an empty password: it now uses the one in {}", databaseFile(url),
                    PASSWORD_FILE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + databaseFile(url) + " with the password in "
                    + PASSWORD_FILE + " (" + e.getMessage() + "); restore that file, or set spring.datasource.password", e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user's profile folder protects the data dir.
        } catch (IOException e) {
            log.warn("Cannot restrict the permissions of {}: {}", path, e.getMessage());
        }
    }

    /** The database is open in another process: H2 in embedded mode serves one process only. */
    public static final class DatabaseInUseException extends IllegalStateException {

        public DatabaseInUseException(Path database) {
            super("The database " + database + " is open in a running Labrador server (embedded mode serves one"
                    + " process). Stop the server first, or manage accounts while it runs on the Users page or"
                    + " through the admin API (/api/v1/users).");
        }
    }
}
