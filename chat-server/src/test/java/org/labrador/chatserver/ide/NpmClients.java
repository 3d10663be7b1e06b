package org.labrador.chatserver.ide;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real client programs from the npm registry, installed once per build into
 * {@code target/npm-clients} (kept between test classes and runs until {@code mvn clean}), and run
 * with {@code node}. Without node or npm, or when the registry does not have a package, the tests
 * that need it are skipped with a message saying why.
 */
final class NpmClients {

    /** The packages and the versions the tests were written against. */
    static final Map<String, String> PACKAGES = Map.of(
            "openai", "openai@^6",
            "ollama", "ollama@^0.6",
            "tabby-agent", "tabby-agent@1.5.0",
            "@continuedev/cli", "@continuedev/cli@^1.5");

    static final Path DIR = Paths.get("target", "npm-clients").toAbsolutePath();
    private static final long INSTALL_TIMEOUT_SECONDS = TimeUnit.MINUTES.toSeconds(5);
    private static Map<String, String> failures;
    private static String nodeVersion;

    /** A finished client program: its exit code and what it printed. */
    record Run(int exitCode, String stdout, String stderr) {
    }


    private NpmClients() {
    }

    /** Skips the calling test unless node 18+ and the package are here; installs what is missing once. */
    static synchronized void require(String pkg) {
        if (nodeVersion == null) {
            nodeVersion = version("node");
            String npm = version("npm");
            assumeTrue(!nodeVersion.isEmpty(), "node is not installed: the npm client tests are skipped");
            assumeTrue(!npm.isEmpty(), "npm is not installed: the npm client tests are skipped");
            int major = Integer.parseInt(nodeVersion.replaceFirst("^v(\\d+).*", "$1"));
            assumeTrue(major >= 18, "node " + nodeVersion + " is older than 18: the npm client tests are skipped");
        }
        assumeTrue(!nodeVersion.isEmpty(), "node is not installed: the npm client tests are skipped");
        if (failures == null) {
            failures = install();
        }
        if (failures.containsKey(pkg)) {
            abort("npm could not install " + PACKAGES.get(pkg) + ": " + failures.get(pkg));
        }
    }

    /** The installed version of a package. */
    static String installedVersion(String pkg) {
        try {
            String json = Files.readString(DIR.resolve("node_modules").resolve(pkg).resolve("package.json"));
            return IdeHttp.JSON.readTree(json).path("version").asString("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Writes {@code script} as an ES module next to the packages and runs it with node. */
    static Run node(String name, String script, Map<String, String> env) {
        try {
            Path file = DIR.resolve(name + ".mjs");
            Files.writeString(file, script);
            return run(List.of("node", file.toString()), env, 120);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of an installed package's command ({@code cn}). */
    static String bin(String command) {
        return DIR.resolve("node_modules").resolve(".bin").resolve(command).toString();
    }

    /** Runs a program with the installed packages' binaries on the path. */
    static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("npm-client", ".out");
            Path err = Files.createTempFile("npm-client", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            Paths.get("/dev/null").toFile()));
            builder.environment().putAll(env);
            builder.environment().put("PATH", DIR.resolve("node_modules/.bin") + ":" + System.getenv("PATH"));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s; it printed "
                        + Files.readString(out) + Files.readString(err));
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Installs the packages not yet installed; returns those npm could not install, with npm's message. */
    private static Map<String, String> install() {
        Map<String, String> failed = new LinkedHashMap<>();
        try {
            Files.createDirectories(DIR);
            if (!Files.exists(DIR.resolve("package.json"))) {
                Files.writeString(DIR.resolve("package.json"),
                        "{\"name\": \"labrador-npm-clients\", \"private\": true, \"type\": \"module\"}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> missing = new ArrayList<>();
        PACKAGES.forEach((pkg, spec) -> {
            if (installedVersion(pkg).isEmpty()) {
                missing.add(spec);
            }
        });
        if (missing.isEmpty()) {
            return failed;
        }
        if (install(missing).exitCode() != 0) {
            // One at a time, so that one package the registry lacks does not skip the others.
            PACKAGES.forEach((pkg, spec) -> {
                if (installedVersion(pkg).isEmpty()) {
                    Run one = install(List.of(spec));
                    if (one.exitCode() != 0) {
                        failed.put(pkg, one.stderr().strip());
                    }
                }
            });
        }
        return failed;
    }

    private static Run install(List<String> specs) {
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        command.addAll(specs);
        return run(command, Map.of(), INSTALL_TIMEOUT_SECONDS);
    }

    private static String version(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
