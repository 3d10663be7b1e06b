package org.labrador.chatserver.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * There is no default password. At the first start (no accounts yet) the first admin comes from
 * the environment, {@code LABRADOR_ADMIN_PASSWORD} (and {@code LABRADOR_ADMIN_USER}, default
 * {@code admin}); otherwise the server prints a one-time setup code for the browser's setup page
 * ({@link FirstRunSetup}), and the log says how to create one with {@code labrador user add} too.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccounts accounts;
    private final Environment environment;
    private final ObjectProvider<FirstRunSetup> setup;

    FirstAdmin(UserAccounts accounts, Environment environment, ObjectProvider<FirstRunSetup> setup) {
        this.accounts = accounts;
        this.environment = environment;
        this.setup = setup;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        String password = environment.getProperty("LABRADOR_ADMIN_PASSWORD");
        if (password != null && !password.isBlank()) {
            String username = environment.getProperty("LABRADOR_ADMIN_USER", "admin");
            accounts.create(username, password, Role.ADMIN, List.of());
            log.info("Created the first admin account, {}, from LABRADOR_ADMIN_PASSWORD", username);
            return;
        }
        FirstRunSetup browserSetup = setup.getIfAvailable();
        if (browserSetup == null) {
            log.warn("No accounts yet, so nobody can sign in. Create the first admin with "
                    + "'./labrador user add admin --role admin', or start once with LABRADOR_ADMIN_PASSWORD set.");
            return;
        }
        // Printed so that only whoever reads the server's log can claim the new server.
        log.warn("No accounts yet. Open the web page (/setup) and create the administrator with the one-time setup code {} "
                + "(or run './labrador user add admin --role admin', or start once with LABRADOR_ADMIN_PASSWORD set).",
                browserSetup.open());
    }
}
