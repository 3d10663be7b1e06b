package org.labrador.chatserver;

import org.labrador.chatserver.sources.SyncService;
import org.labrador.chatserver.system.LabradorProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Labrador server: web chat, HTTP API, and the sync of configured sources. */
@SpringBootApplication(scanBasePackages = "org.labrador")
// Vaadin looks for routes in the auto-configuration packages; the views live in org.labrador.webui.
@AutoConfigurationPackage(basePackages = "org.labrador")
public class LabradorApplication {

    /** Brings the index up to date in the background when the server starts, if configured. */
    @Bean
    ApplicationRunner syncOnStart(LabradorProperties properties,
                                  org.springframework.beans.factory.ObjectProvider<SyncService> syncService,
                                  org.springframework.context.ApplicationContext context) {
        // Resolved only in the server: a command such as `user add` must not open the index a running server holds.
        return args -> {
            boolean server = context instanceof org.springframework.web.context.WebApplicationContext;
            if (server) {
                syncService.getObject().verifyIndexInBackground();
                syncService.getObject().startSchedules();
            }
            if (properties.syncOnStart() && server) {
                syncService.getObject().syncAllInBackground();
            }
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(LabradorApplication.class, args);
    }

    /** A context without web server, for command-line work on the same configuration. */
    static org.springframework.context.ConfigurableApplicationContext startWithoutWeb(String... properties) {
        return new org.springframework.boot.builder.SpringApplicationBuilder(LabradorApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .run();
    }
}
