package org.labrador.chatserver.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.security.ApiTokens;
import org.labrador.chatserver.security.Role;
import org.labrador.chatserver.security.UserAccount;
import org.labrador.chatserver.security.UserAccounts;
import org.labrador.chatserver.system.EmbeddedDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labrador user add|list|set|remove|token}: accounts, from the server's own machine. */
@Command(name = "user", description = "Manage accounts (the first admin is created here).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Set.class,
                UserCommand.Remove.class, UserCommand.Token.class})
public class UserCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Work on the accounts, given the started context; returns the exit code. */
    @FunctionalInterface
    interface AccountWork {
        int run(ConfigurableApplicationContext context) throws Exception;
    }

    /**
     * Runs {@code work} with only what accounts need started (lazily), not the index. The embedded
     * database serves one process: while a server holds it, this says so (on standard error, exit
     * code 2) and points to the Users page and the admin API instead of opening a network port.
     */
    static int withAccounts(AccountWork work) throws Exception {
        ConfigurableApplicationContext context;
        try {
            // Startup failures come back to this method, which explains them: Spring need not log them too.
            context = SpringContext.start(true, List.of("--spring.main.lazy-initialization=true",
                    "--logging.level.org.springframework.boot.SpringApplication=OFF"));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EmbeddedDatabase.DatabaseInUseException inUse) {
                    System.err.println(inUse.getMessage());
                    return 2;
                }
            }
            throw e;
        }
        try (context) {
            return work.run(context);
        }
    }

    /** The password from the terminal (asked twice), or from the first line of standard input when piped. */
    static String readPassword(String username) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for %s: ", username);
            char[] second = console.readPassword("Again: ");
            if (first == null || !new String(first).equals(new String(second == null ? new char[0] : second))) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password given on standard input");
        }
        return line;
    }

    @Command(name = "add", description = "Create an account; the password is asked for (or read from standard input).")
    static class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String username;

        @Option(names = "--role", defaultValue = "reader", description = "reader, curator or admin (default ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Groups, comma-separated: they open sources.")
        List<String> groups = List.of();

        @Override
        public Integer call() throws Exception {
            Role parsed = Role.parse(role);
            String password = readPassword(username);
            return withAccounts(context -> {
                UserAccount account = context.getBean(UserAccounts.class).create(username, password, parsed, groups);
                System.out.println("Created " + account.role().label() + " " + account.username()
                        + (account.groups().isEmpty() ? "" : " in groups " + String.join(", ", account.groups())));
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List accounts with their role and groups.")
    static class ListUsers implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return withAccounts(context -> {
                for (UserAccount a : context.getBean(UserAccounts.class).all()) {
                    System.out.printf("%-24s %-8s %-9s %s%n", a.username(), a.role().label(), a.enabled() ? "enabled" : "disabled",
                            String.join(",", a.groups()));
                }
                return 0;
            });
        }
    }

    @Command(name = "set", description = "Change an account's role, groups, password or whether it may sign in.")
    static class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String username;

        @Option(names = "--role", description = "reader, curator or admin.")
        String role;

        @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Replace the groups (comma-separated; '' for none).")
        List<String> groups;

        @Option(names = "--password", description = "Ask for a new password.")
        boolean password;

        @Option(names = "--enabled", arity = "1", description = "true or false.")
        Boolean enabled;

        @Override
        public Integer call() throws Exception {
            return withAccounts(context -> {
                UserAccounts accounts = context.getBean(UserAccounts.class);
                if (role != null) {
                    accounts.setRole(username, Role.parse(role));
                }
                if (groups != null) {
                    accounts.setGroups(username, groups);
                }
                if (password) {
                    accounts.setPassword(username, readPassword(username));
                }
                if (enabled != null) {
                    accounts.setEnabled(username, enabled);
                }
                UserAccount a = accounts.find(username).orElseThrow();
                System.out.println(a.username() + ": " + a.role().label() + ", groups " + a.groups()
                        + (a.enabled() ? "" : ", disabled"));
                return 0;
            });
        }
    }

    @Command(name = "remove", description = "Delete an account, its tokens and conversations.")
    static class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String username;

        @Override
        public Integer call() throws Exception {
            return withAccounts(context -> {
                context.getBean(UserAccounts.class).delete(username);
                System.out.println("Removed " + username);
                return 0;
            });
        }
    }

    @Command(name = "token", description = "Create a personal API token for an account and print it (shown once).")
    static class Token implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String username;

        @Option(names = "--name", required = true, description = "What the token is for.")
        String tokenName;

        @Override
        public Integer call() throws Exception {
            return withAccounts(context -> {
                System.out.println(context.getBean(ApiTokens.class).create(username, tokenName).secret());
                return 0;
            });
        }
    }
}
