package org.labrador.chatserver.cli;

import java.util.ArrayList;
import java.util.List;
import org.labrador.chatserver.LabradorApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without a web server, so commands share the server's configuration. */
final class SpringContext {

    private SpringContext() {
    }

    /**
     * @param quiet only errors are logged, so that stdout carries nothing but the command's output
     */
    static ConfigurableApplicationContext start(boolean quiet, List<String> extraArgs) {
        List<String> args = new ArrayList<>(extraArgs);
        args.add("--logging.level.root=" + (quiet ? "ERROR" : "WARN"));
        args.add("--labrador.sync-on-start=false");
        // Vaadin's auto-configuration needs a servlet context, which commands do not start.
        args.add("--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration");
        return new SpringApplicationBuilder(LabradorApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }
}
