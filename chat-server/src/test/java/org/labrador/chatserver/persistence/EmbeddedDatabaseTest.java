package org.labrador.chatserver.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.chatserver.HoldsTheDatabase;
import org.labrador.chatserver.Labrador;
import org.labrador.chatserver.system.EmbeddedDatabase;
import picocli.CommandLine;

/**
 * Attack tests for the embedded database: no TCP port (H2's AUTO_SERVER listened on every
 * interface, its key in a world-readable lock file), no empty password, owner-only folder and
 * files, and an older database on the empty password still opens (and loses it).
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aRunningServerOpensNoPortAndTheDatabaseIsOwnerOnlyWithAGeneratedPassword() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsTheDatabase.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as("the holder opened the database").startsWith("open jdbc:h2:file:");
            assertThat(line).doesNotContainIgnoringCase("AUTO_SERVER");

            assertThat(listeningPorts(server.pid())).as("TCP ports the server process listens on").isEmpty();
            try (Stream<Path> files = Files.list(dataDir)) {
                for (Path lock : files.filter(f -> f.toString().endsWith(".lock.db")).toList()) {
                    assertThat(Files.readString(lock, StandardCharsets.ISO_8859_1)).doesNotContain("server=");
                }
            }

            Path password = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertThat(Files.readString(password).strip()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(permissions(password)).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve("labrador.mv.db"))).isEqualTo("rw-------");
            assertThat(permissions(dataDir)).isEqualTo("rwx------");

            // An account command while the server holds the database: a clear message, no port to reach.
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream originalErr = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                System.setProperty("labrador.data-dir", dataDir.toString());
                code = new CommandLine(new Labrador()).execute("user", "list");
            } finally {
                System.clearProperty("labrador.data-dir");
                System.setErr(originalErr);
            }
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("open in a running Labrador server")
                    .contains("Users page").contains("/api/v1/users");
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        // Once the server is gone, the empty password no longer opens the database.
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("labrador"), "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }

    @Test
    void aDatabaseOfAnOlderVersionOnTheEmptyPasswordKeepsItsDataAndGetsTheGeneratedPassword() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("labrador");
        try (Connection old = DriverManager.getConnection(url, "sa", "")) {
            old.createStatement().execute("create table users (username varchar(100)); insert into users values ('ada')");
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        String password = EmbeddedDatabase.prepare(url, "sa");

        try (Connection upgraded = DriverManager.getConnection(url, "sa", password)) {
            var rows = upgraded.createStatement().executeQuery("select username from users");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ada");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
        assertThat(EmbeddedDatabase.prepare(url, "sa")).as("the same password on the next start").isEqualTo(password);
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("labrador.mv.db"))).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The TCP ports in LISTEN state whose sockets the process holds (from /proc, Linux). */
    private static List<Integer> listeningPorts(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String row : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = row.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
