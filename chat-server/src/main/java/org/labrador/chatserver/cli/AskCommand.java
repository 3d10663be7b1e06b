package org.labrador.chatserver.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.labrador.chatserver.ask.Answer;
import org.labrador.chatserver.ask.AnswerSink;
import org.labrador.chatserver.ask.AskService;
import org.labrador.retrieval.Citation;
import org.labrador.retrieval.ReadAccess;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "ask", description = "Answer a question from the indexed sources, with citations.")
public class AskCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the same JSON as POST /api/v1/ask.")
    boolean json;

    @Option(names = "--source", paramLabel = "NAME", description = "Answer only from this source (repeatable).")
    Set<String> sources;

    @Parameters(arity = "1..*", paramLabel = "QUESTION")
    List<String> question;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = SpringContext.start(true, List.of())) {
            AskService ask = context.getBean(AskService.class);
            AnswerSink sink = json ? AnswerSink.NONE : new AnswerSink() {
                @Override
                public void token(String text) {
                    System.out.print(text);
                    System.out.flush();
                }

                @Override
                public void notice(String notice) {
                    System.out.println("Note: " + notice + "\n");
                }
            };
            String text = String.join(" ", question);
            try {
                ask.check(text, List.of());
            } catch (IllegalArgumentException e) {
                System.err.println("labrador ask: " + e.getMessage());
                return 2;
            }
            Answer answer = ask.ask(text, List.of(), sources == null ? Set.of() : sources, ReadAccess.everything(), sink);
            if (json) {
                System.out.println(context.getBean(JsonMapper.class).writeValueAsString(answer));
                return 0;
            }
            if (answer.removedCitations() > 0) {
                System.out.println("\n\nNote: " + answer.removedCitations()
                        + " citation(s) of sources that do not exist were taken out; the checked answer:\n\n" + answer.answer());
            }
            if (!answer.grounded()) {
                System.out.println("\n\nNote: this answer cites none of the sources: unverified.");
            }
            System.out.println("\n\nSources:");
            for (Citation c : answer.citations()) {
                System.out.printf("[%d] %s%s — %s:%s  %s%n", c.n(), c.title(),
                        c.headings().isEmpty() ? "" : " › " + String.join(" › ", c.headings()), c.path(), c.lines(), c.uri());
            }
            return 0;
        }
    }
}
