package org.labrador.chatserver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.LabradorApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", description = "Start the web chat and HTTP API (default http://localhost:8080).",
        footer = "Any Spring Boot or Labrador property may follow, e.g. --server.port=9090 --labrador.data-dir=/srv/labrador")
public class ServeCommand implements Callable<Integer> {

    private static volatile boolean serving;

    /** Properties for Spring Boot: picocli would refuse them as unknown options, so they are collected unmatched. */
    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication.run(LabradorApplication.class, springArgs.toArray(String[]::new));
        serving = true;
        return 0;
    }

    /** The properties handed to Spring Boot. */
    public List<String> springArguments() {
        return List.copyOf(springArgs);
    }

    /** Whether the server was started, so the process must stay up after the command returns. */
    public static boolean serving() {
        return serving;
    }
}
