package org.labrador.chatserver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.labrador.chatserver.LabradorApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "serve", description = "Start the web chat and HTTP API (default http://localhost:8080).")
public class ServeCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Parameters(arity = "0..*", paramLabel = "--key=value", description = "Spring Boot properties, e.g. --server.port=9090")
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication.run(LabradorApplication.class, springArgs.toArray(String[]::new));
        serving = true;
        return 0;
    }

    /** Whether the server was started, so the process must stay up after the command returns. */
    public static boolean serving() {
        return serving;
    }
}
