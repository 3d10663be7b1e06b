package org.labrador.chatserver;

import org.labrador.chatserver.cli.AskCommand;
import org.labrador.chatserver.cli.BenchCommand;
import org.labrador.chatserver.cli.EvalCommand;
import org.labrador.chatserver.cli.IndexCommand;
import org.labrador.chatserver.cli.IngestCommand;
import org.labrador.chatserver.cli.SearchCommand;
import org.labrador.chatserver.cli.ServeCommand;
import org.labrador.chatserver.cli.UserCommand;
import org.labrador.chatserver.sources.IndexRecovery;
import org.labrador.chatserver.system.EmbeddedDatabase;
import org.labrador.retrieval.IndexDamagedException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code labrador} command: serve, ingest, search, ask. */
@Command(name = "labrador", mixinStandardHelpOptions = true, version = "Labrador 0.1.0",
        description = "Cited answers from your collaboration's docs, with a local LLM.",
        subcommands = {ServeCommand.class, IngestCommand.class, SearchCommand.class, AskCommand.class,
                BenchCommand.class, EvalCommand.class, UserCommand.class, IndexCommand.class})
public class Labrador implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Labrador()).setExecutionExceptionHandler(Labrador::explain).execute(args);
        if (code != 0 || !ServeCommand.serving()) {
            System.exit(code);
        }
    }

    /**
     * Failures the user can act on (a damaged index, a database held by a running server) end with
     * their message on standard error, not a stack trace; anything else is thrown on.
     */
    static int explain(Exception failure, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IndexDamagedException damaged) {
                command.getErr().println(IndexRecovery.message(damaged.directory(), damaged.reason()));
                return 1;
            }
            if (t instanceof EmbeddedDatabase.DatabaseInUseException inUse) {
                command.getErr().println(inUse.getMessage());
                return 2;
            }
        }
        throw failure;
    }
}
