package org.labrador.models.ollama.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.models.ollama.testing.OllamaProtocolServer.Message;

/**
 * What Ollama 0.12 does with a prompt and a window of {@code num_ctx} tokens, for
 * {@link OllamaProtocolServer}: a chat's messages are rendered with the model's template (ChatML
 * here, as Qwen's), counted with a tokenizer, and cut to fit without an error; a generate
 * request's prompt is cut by the runner alone ({@link #fitPrompt}).
 *
 * <p>The cut happens twice, as in Ollama's source. First the server ({@code server/prompt.go},
 * {@code chatPrompt}) drops whole messages from the front until the rendered prompt fits, always
 * keeping the last message and every system message before the cut. If the prompt is still too
 * long (the last message alone does not fit), the runner ({@code runner/llamarunner/runner.go},
 * {@code NewSequence}) keeps the first {@code num_keep} tokens (4 by default) and drops as many
 * tokens after them as needed, so that exactly {@code num_ctx} remain: the beginning of the prompt
 * goes, the system message's first words and its end stay.
 *
 * <p>The tokenizer is deterministic and simple but shaped like a real one: the text is split the
 * way Qwen 2's tokenizer splits it before merging (letters with one leading space or sign, single
 * digits, runs of punctuation, runs of line breaks, runs of blanks), and each piece is one token
 * per 6 UTF-8 bytes; {@code <|im_start|>} and {@code <|im_end|>} are one token each.
 */
public final class PromptWindow {

    /** Ollama's default window when a request sets no {@code num_ctx} ({@code OLLAMA_CONTEXT_LENGTH}). */
    public static final int DEFAULT_NUM_CTX = 4096;
    /** Ollama's default {@code num_keep}: tokens at the start that the runner never cuts. */
    public static final int DEFAULT_NUM_KEEP = 4;

    private static final int BYTES_PER_TOKEN = 6;
    private static final Pattern SPECIAL = Pattern.compile("<\\|im_start\\|>|<\\|im_end\\|>");
    private static final Pattern PIECES = Pattern.compile(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");

    /**
     * What the model read.
     *
     * @param numCtx          the window the request ran with
     * @param receivedTokens  tokens of the whole prompt as sent (rendered with every message)
     * @param promptTokens    tokens the model read: Ollama's {@code prompt_eval_count}
     * @param kept            the messages that reached the model, whole or cut at the front (none for a
     *                        generate request's prompt)
     * @param droppedMessages messages the server dropped from the front
     * @param cut             whether the runner cut the beginning of the prompt
     * @param prompt          the text the model read
     */
    public record Fit(int numCtx, int receivedTokens, int promptTokens, List<Message> kept, int droppedMessages,
                      boolean cut, String prompt) {

        /** Whether anything sent did not reach the model. */
        public boolean truncated() {
            return droppedMessages > 0 || cut;
        }
    }

    private PromptWindow() {
    }

    /** The tokens of a text, which join back to it. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher special = SPECIAL.matcher(text);
        int at = 0;
        while (special.find()) {
            pieces(text.substring(at, special.start()), tokens);
            tokens.add(special.group());
            at = special.end();
        }
        pieces(text.substring(at), tokens);
        return tokens;
    }

    public static int countTokens(String text) {
        return tokenize(text).size();
    }

    /** The prompt as Qwen's ChatML template renders it, ending where the assistant's answer begins. */
    public static String render(List<Message> messages) {
        StringBuilder out = new StringBuilder();
        for (Message m : messages) {
            out.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
        }
        return out.append("<|im_start|>assistant\n").toString();
    }

    /** Fits the messages into {@code numCtx} tokens as Ollama does, keeping {@code numKeep} at the front. */
    public static Fit fit(List<Message> messages, int numCtx, int numKeep) {
        int received = countTokens(render(messages));
        int last = messages.size() - 1;
        List<Message> kept = messages;
        // chatPrompt: from the front, the first start whose rendering (with the system messages before it) fits.
        for (int i = 0; i <= last; i++) {
            List<Message> candidate = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (messages.get(j).role().equals("system")) {
                    candidate.add(messages.get(j));
                }
            }
            candidate.addAll(messages.subList(i, messages.size()));
            kept = candidate;
            if (countTokens(render(candidate)) <= numCtx) {
                break;
            }
        }
        int dropped = messages.size() - kept.size();
        List<String> rendered = tokenize(render(kept));
        List<String> tokens = runnerCut(rendered, numCtx, numKeep);
        return new Fit(numCtx, received, tokens.size(), kept, dropped, tokens.size() < rendered.size(),
                String.join("", tokens));
    }

    /**
     * What the runner does with a generate request's prompt that does not fit (its {@code NewSequence},
     * shared by {@code /api/generate} and {@code /api/chat}): it keeps the first {@code numKeep}
     * tokens and the end, dropping as many tokens after the first ones as needed.
     */
    public static Fit fitPrompt(String prompt, int numCtx, int numKeep) {
        List<String> tokens = tokenize(prompt);
        List<String> read = runnerCut(tokens, numCtx, numKeep);
        return new Fit(numCtx, tokens.size(), read.size(), List.of(), 0, read.size() < tokens.size(), String.join("", read));
    }

    /** Keeps {@code numKeep} tokens and discards what follows them until {@code numCtx} remain. */
    private static List<String> runnerCut(List<String> tokens, int numCtx, int numKeep) {
        if (tokens.size() <= numCtx) {
            return tokens;
        }
        int keep = Math.min(numKeep, numCtx - 1);
        int discard = tokens.size() - numCtx;
        List<String> shorter = new ArrayList<>(tokens.subList(0, keep));
        shorter.addAll(tokens.subList(keep + discard, tokens.size()));
        return shorter;
    }

    private static void pieces(String text, List<String> tokens) {
        Matcher piece = PIECES.matcher(text);
        while (piece.find()) {
            String p = piece.group();
            StringBuilder token = new StringBuilder();
            int bytes = 0;
            for (int i = 0; i < p.length(); ) {
                int c = p.codePointAt(i);
                int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > BYTES_PER_TOKEN && !token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    bytes = 0;
                }
                token.appendCodePoint(c);
                bytes += size;
                i += Character.charCount(c);
            }
            if (!token.isEmpty()) {
                tokens.add(token.toString());
            }
        }
    }
}
