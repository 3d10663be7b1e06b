package org.labrador.chatserver;

import org.labrador.chatserver.cli.AskCommand;
import org.labrador.chatserver.cli.BenchCommand;
import org.labrador.chatserver.cli.EvalCommand;
import org.labrador.chatserver.cli.IngestCommand;
import org.labrador.chatserver.cli.SearchCommand;
import org.labrador.chatserver.cli.ServeCommand;
import org.labrador.chatserver.cli.UserCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code labrador} command: serve, ingest, search, ask. */
@Command(name = "labrador", mixinStandardHelpOptions = true, version = "Labrador 0.1.0",
        description = "Cited answers from your collaboration's docs, with a local LLM.",
        subcommands = {ServeCommand.class, IngestCommand.class, SearchCommand.class, AskCommand.class,
                BenchCommand.class, EvalCommand.class, UserCommand.class})
public class Labrador implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Labrador()).execute(args);
        if (code != 0 || !ServeCommand.serving()) {
            System.exit(code);
        }
    }
}
