package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The real client libraries, from the npm registry, against Labrador: OpenAI's SDK, Ollama's
 * ollama-js, Tabby's tabby-agent and Continue's CLI ({@code cn -p}), each run by node with a
 * personal token. Each test checks what
 * the client got and what reached the model: the repository's definition did, the lz group's
 * code (which the caller may not read) did not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NpmClientsTest extends IdeServerTest {

    private static final String QUESTION = "Where is the S1 area threshold set?";

    @BeforeEach
    void setUp() {
        sync();
        OLLAMA.completion("passes_s1(p.area)");
    }

    @Test
    void openAiSdkChatsWithAndWithoutStreaming() {
        NpmClients.require("openai");
        JsonNode out = node("openai-chat", """
                import OpenAI from 'openai';
                const client = new OpenAI({ baseURL: process.env.LABRADOR_URL + '/v1', apiKey: process.env.LABRADOR_TOKEN });
                const messages = [{ role: 'user', content: process.env.QUESTION }];
                const answer = await client.chat.completions.create({ model: process.env.CHAT_MODEL, messages });
                const stream = await client.chat.completions.create({ model: process.env.CHAT_MODEL, messages, stream: true,
                    stream_options: { include_usage: true } });
                let streamed = '', usage = null, finish = null;
                for await (const chunk of stream) {
                  streamed += chunk.choices[0]?.delta?.content ?? '';
                  finish = chunk.choices[0]?.finish_reason ?? finish;
                  usage = chunk.usage ?? usage;
                }
                const models = [];
                for await (const m of client.models.list()) models.push(m.id);
                console.log(JSON.stringify({ answer: answer.choices[0].message.content,
                    finish: answer.choices[0].finish_reason, streamed, streamFinish: finish, usage, models }));
                """);
        assertThat(out.path("answer").asString()).contains("config/cuts.yaml").contains("**Sources**");
        assertThat(out.path("finish").asString()).isEqualTo("stop");
        assertThat(out.path("streamed").asString()).isEqualTo(out.path("answer").asString());
        assertThat(out.path("streamFinish").asString()).isEqualTo("stop");
        assertThat(out.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(out.path("models").toString()).contains(CODER).contains(CHAT_MODEL + "@analysis")
                .doesNotContain("@lz-code");
        String sentToModel = OLLAMA.chatRequests().getLast().toString();
        assertThat(sentToModel).contains("cuts.yaml").doesNotContain(LZ_SECRET);
    }

    @Test
    void openAiSdkCompletesWithASuffixAndTheRepositoryContext() {
        NpmClients.require("openai");
        JsonNode out = node("openai-completion", """
                import OpenAI from 'openai';
                const client = new OpenAI({ baseURL: process.env.LABRADOR_URL + '/v1', apiKey: process.env.LABRADOR_TOKEN });
                const request = { model: process.env.CODER, prompt: process.env.PREFIX, suffix: process.env.SUFFIX,
                    max_tokens: 32, path: 'analysis/selection.py' };
                const once = await client.completions.create(request);
                let streamed = '';
                for await (const chunk of await client.completions.create({ ...request, stream: true })) {
                  streamed += chunk.choices[0]?.text ?? '';
                }
                console.log(JSON.stringify({ text: once.choices[0].text, finish: once.choices[0].finish_reason, streamed }));
                """);
        assertThat(out.path("text").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(out.path("finish").asString()).isEqualTo("stop");
        assertThat(out.path("streamed").asString()).isEqualTo("passes_s1(p.area)");
        assertRepositoryContextOnly(OLLAMA.lastGeneratePrompt());
        assertThat(OLLAMA.lastGeneratePrompt()).endsWith("<|file_sep|>analysis/selection.py\n<|fim_prefix|>"
                + OllamaApiTest.PREFIX + "<|fim_suffix|>" + OllamaApiTest.SUFFIX + "<|fim_middle|>");
        assertThat(OLLAMA.generateRequests().getLast().path("options").path("num_predict").asInt()).isEqualTo(32);
    }

    @Test
    void ollamaJsListsShowsGeneratesWithASuffixChatsAndEmbeds() {
        NpmClients.require("ollama");
        JsonNode out = node("ollama-js", """
                import { Ollama } from 'ollama';
                const ollama = new Ollama({ host: process.env.LABRADOR_URL,
                    headers: { Authorization: 'Bearer ' + process.env.LABRADOR_TOKEN } });
                const tags = await ollama.list();
                const show = await ollama.show({ model: process.env.CODER });
                const generated = await ollama.generate({ model: process.env.CODER, prompt: process.env.PREFIX,
                    suffix: process.env.SUFFIX, options: { num_predict: 32 } });
                let generatedStream = '', doneReason = null;
                for await (const part of await ollama.generate({ model: process.env.CODER, prompt: process.env.PREFIX,
                    suffix: process.env.SUFFIX, stream: true })) {
                  generatedStream += part.response;
                  if (part.done) doneReason = part.done_reason;
                }
                const messages = [{ role: 'user', content: process.env.QUESTION }];
                const chat = await ollama.chat({ model: process.env.CHAT_MODEL, messages });
                let chatStream = '';
                for await (const part of await ollama.chat({ model: process.env.CHAT_MODEL, messages, stream: true })) {
                  chatStream += part.message.content;
                }
                const embedded = await ollama.embed({ model: 'nomic-embed-text', input: ['peak area', 'drift time'] });
                console.log(JSON.stringify({ models: tags.models.map(m => m.name), template: show.template,
                    capabilities: show.capabilities, generated: generated.response, generatedStream, doneReason,
                    chat: chat.message.content, chatStream, dimensions: embedded.embeddings.map(e => e.length) }));
                """);
        assertThat(out.path("models").toString()).contains(CODER).contains(CHAT_MODEL + "@fixtures").doesNotContain("lz-code");
        assertThat(out.path("template").asString()).contains(".Suffix");
        assertThat(out.path("capabilities").toString()).contains("insert");
        assertThat(out.path("generated").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(out.path("generatedStream").asString()).isEqualTo("passes_s1(p.area)");
        assertThat(out.path("doneReason").asString()).isEqualTo("stop");
        assertRepositoryContextOnly(OLLAMA.lastGeneratePrompt());
        assertThat(OLLAMA.lastGeneratePrompt()).contains("<|fim_prefix|>" + OllamaApiTest.PREFIX + "<|fim_suffix|>");
        assertThat(out.path("chat").asString()).contains("config/cuts.yaml").contains("**Sources**");
        assertThat(out.path("chatStream").asString()).isEqualTo(out.path("chat").asString());
        assertThat(OLLAMA.chatRequests().getLast().toString()).doesNotContain(LZ_SECRET);
        assertThat(out.path("dimensions").toString()).isEqualTo("[384,384]");
    }

    @Test
    void tabbyAgentCompletesWithItsDeclarationsFirstThenTheRepositorys() throws Exception {
        NpmClients.require("tabby-agent");
        Path home = Files.createTempDirectory("tabby-home");
        JsonNode out = node("tabby-agent", """
                import { TabbyAgent } from 'tabby-agent';
                const agent = new TabbyAgent();
                await agent.initialize({ config: { server: { endpoint: process.env.LABRADOR_URL, token: process.env.LABRADOR_TOKEN },
                    anonymousUsageTracking: { disable: true } } });
                const text = process.env.PREFIX + process.env.SUFFIX;
                // Tabby sends paths relative to the workspace (or the Git root), as a Tabby server expects them.
                const response = await agent.provideCompletions({ filepath: '/work/ws/analysis/selection.py',
                    workspace: '/work/ws', language: 'python', text, position: process.env.PREFIX.length, manually: true,
                    declarations: [{ filepath: '/work/ws/analysis/peaks.py', offset: 0,
                        text: 'class Peak:\\n    area: float  # CLIENT_DECLARATION\\n' }] });
                const health = agent.getServerHealthState();
                console.log(JSON.stringify({ status: agent.getStatus(), choices: response.choices, health }));
                await agent.finalize();
                process.exit(0);
                """, Map.of("HOME", home.toString()));
        assertThat(out.path("status").asString()).isEqualTo("ready");
        assertThat(out.path("health").path("model").asString()).isEqualTo("qwen2.5-coder:1.5b");
        assertThat(out.path("choices").path(0).path("text").asString()).startsWith("passes_s1(p.area)");
        JsonNode sent = OLLAMA.generateRequests().getLast();
        String prompt = sent.path("prompt").asString();
        assertRepositoryContextOnly(prompt);
        assertThat(prompt).contains("<|file_sep|>analysis/peaks.py\nclass Peak:");
        assertThat(prompt.indexOf("CLIENT_DECLARATION")).as("the editor's declaration comes first")
                .isLessThan(prompt.indexOf("def passes_s1(area):"));
        assertThat(prompt).endsWith("<|file_sep|>analysis/selection.py\n<|fim_prefix|>" + OllamaApiTest.PREFIX
                + "<|fim_suffix|>" + OllamaApiTest.SUFFIX + "<|fim_middle|>");
    }

    @Test
    void continueCliAnswersHeadlessWithLabradorAsItsOllamaProvider() throws Exception {
        NpmClients.require("@continuedev/cli");
        Path home = Files.createTempDirectory("continue-home");
        Path config = home.resolve("config.yaml");
        Files.writeString(config, """
                name: Labrador
                version: 1.0.0
                schema: v1
                models:
                  - name: Labrador
                    provider: ollama
                    model: %s
                    apiBase: http://localhost:%d
                    apiKey: %s
                    roles: [chat]
                """.formatted(CHAT_MODEL, port, http().bearer()));
        int chatsBefore = OLLAMA.chatRequests().size();
        NpmClients.Run run = NpmClients.run(List.of(NpmClients.bin("cn"), "-p", QUESTION, "--config", config.toString()),
                Map.of("HOME", home.toString(), "CONTINUE_GLOBAL_DIR", home.resolve(".continue").toString()), 120);

        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout()).contains("config/cuts.yaml").contains("Sources");
        assertThat(OLLAMA.chatRequests()).hasSizeGreaterThan(chatsBefore);
        assertThat(OLLAMA.chatRequests().getLast().toString()).contains("cuts.yaml").doesNotContain(LZ_SECRET);
    }

    /** The analysis repository's definition reached the model; the lz group's code did not. */
    static void assertRepositoryContextOnly(String prompt) {
        assertThat(prompt).contains("<|file_sep|>analysis/cuts.py\n").contains("def passes_s1(area):")
                .contains("return area >= S1_AREA_MIN").doesNotContain(LZ_SECRET).doesNotContain("lz/cuts.py");
    }

    private JsonNode node(String name, String script) {
        return node(name, script, Map.of());
    }

    private JsonNode node(String name, String script, Map<String, String> extraEnv) {
        IdeHttp http = http();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "LABRADOR_URL", "http://localhost:" + port,
                "LABRADOR_TOKEN", http.bearer(),
                "CHAT_MODEL", CHAT_MODEL,
                "CODER", CODER,
                "QUESTION", QUESTION,
                "PREFIX", OllamaApiTest.PREFIX,
                "SUFFIX", OllamaApiTest.SUFFIX));
        env.putAll(extraEnv);
        NpmClients.Run run = NpmClients.node(name, script, env);
        assertThat(run.exitCode()).as(name + " failed:\n" + run.stderr() + run.stdout()).isZero();
        String[] lines = run.stdout().strip().split("\n");
        return IdeHttp.JSON.readTree(lines[lines.length - 1]);
    }
}
