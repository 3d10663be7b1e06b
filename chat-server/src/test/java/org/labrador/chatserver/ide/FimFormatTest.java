package org.labrador.chatserver.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each family's fill-in-the-middle prompt, context placement, raw prompt parsing and overrides. */
class FimFormatTest {

    private static final FimFormats FORMATS = FimFormats.withOverrides(Map.of());
    private static final List<CodeSnippet> CONTEXT = List.of(
            new CodeSnippet("analysis", "analysis/cuts.py", 3, 3, "S1_AREA_MIN = 3.0\n"));

    @Test
    void modelsFindTheirFamilyAndChatModelsNone() {
        assertThat(FORMATS.forModel("qwen2.5-coder:7b").orElseThrow().name()).isEqualTo("qwen");
        assertThat(FORMATS.forModel("hf.co/someone/Qwen2.5-Coder-1.5B-GGUF:Q8_0").orElseThrow().name()).isEqualTo("qwen");
        assertThat(FORMATS.forModel("starcoder2:3b").orElseThrow().name()).isEqualTo("starcoder");
        assertThat(FORMATS.forModel("codellama:7b-code").orElseThrow().name()).isEqualTo("codellama");
        assertThat(FORMATS.forModel("deepseek-coder:6.7b-base").orElseThrow().name()).isEqualTo("deepseek");
        assertThat(FORMATS.forModel("codestral:22b").orElseThrow().name()).isEqualTo("codestral");
        assertThat(FORMATS.forModel("qwen2.5:3b")).isEmpty();
        assertThat(FORMATS.forModel("llama3.2:3b")).isEmpty();
    }

    @Test
    void eachFamilyWritesItsOwnTokensInItsOwnOrder() {
        assertThat(format("qwen2.5-coder:1.5b").prompt("analysis", CONTEXT, "analysis/sel.py", "a = ", "\n"))
                .isEqualTo("<|repo_name|>analysis\n<|file_sep|>analysis/cuts.py\nS1_AREA_MIN = 3.0\n"
                        + "<|file_sep|>analysis/sel.py\n<|fim_prefix|>a = <|fim_suffix|>\n<|fim_middle|>");
        assertThat(format("starcoder2:3b").prompt("analysis", CONTEXT, "analysis/sel.py", "a = ", "\n"))
                .isEqualTo("<repo_name>analysis\n<file_sep>analysis/cuts.py\nS1_AREA_MIN = 3.0\n"
                        + "<file_sep>analysis/sel.py\n<fim_prefix>a = <fim_suffix>\n<fim_middle>");
        assertThat(format("codellama:7b-code").prompt("analysis", CONTEXT, "analysis/sel.py", "a = ", "\n"))
                .isEqualTo("<PRE> # Path: analysis/cuts.py\n# S1_AREA_MIN = 3.0\n#\n# Path: analysis/sel.py\na =  <SUF>\n <MID>");
        assertThat(format("deepseek-coder:1.3b").prompt("analysis", List.of(), "", "a = ", "\n"))
                .isEqualTo("<｜fim▁begin｜>a = <｜fim▁hole｜>\n<｜fim▁end｜>");
        assertThat(format("codestral:22b").prompt("analysis", CONTEXT, "src/Sel.java", "a = ", "\n"))
                .isEqualTo("[SUFFIX]\n[PREFIX]// Path: analysis/cuts.py\n// S1_AREA_MIN = 3.0\n//\n// Path: src/Sel.java\na = ");
        assertThat(format("qwen2.5-coder:1.5b").prompt("", List.of(), "", "a = ", "\n"))
                .as("no context, no path: the bare format").isEqualTo("<|fim_prefix|>a = <|fim_suffix|>\n<|fim_middle|>");
    }

    @Test
    void eachFamilyHasStopTokensAndAnOllamaTemplateWithSuffix() {
        for (FimFormat f : FORMATS.all()) {
            assertThat(f.stop()).as(f.name()).isNotEmpty();
            assertThat(f.ollamaTemplate()).as(f.name()).contains(".Suffix").contains(".Prompt");
        }
        assertThat(format("qwen2.5-coder:1.5b").stop()).contains("<|endoftext|>", "<|file_sep|>", "<|fim_prefix|>");
    }

    @Test
    void rawPromptsAreReadAndGetTheContextBeforeTheirPrefix() {
        FimFormat qwen = format("qwen2.5-coder:1.5b");
        String raw = "<|fim_prefix|>import numpy\nx = <|fim_suffix|>\ny = 1<|fim_middle|>";
        FimFormat.Cursor cursor = qwen.cursorIn(raw).orElseThrow();
        assertThat(cursor.prefix()).isEqualTo("import numpy\nx = ");
        assertThat(cursor.suffix()).isEqualTo("\ny = 1");
        assertThat(qwen.splice(raw, "analysis", CONTEXT, "sel.py"))
                .isEqualTo("<|repo_name|>analysis\n<|file_sep|>analysis/cuts.py\nS1_AREA_MIN = 3.0\n<|file_sep|>sel.py\n" + raw);

        String withHeader = "<|repo_name|>mine\n<|file_sep|>sel.py\n<|fim_prefix|>x = <|fim_suffix|><|fim_middle|>";
        assertThat(qwen.cursorIn(withHeader).orElseThrow().path()).isEqualTo("sel.py");
        assertThat(qwen.splice(withHeader, "analysis", CONTEXT, "sel.py"))
                .isEqualTo("<|repo_name|>mine\n<|file_sep|>analysis/cuts.py\nS1_AREA_MIN = 3.0\n<|file_sep|>sel.py\n<|fim_prefix|>x = <|fim_suffix|><|fim_middle|>");

        FimFormat codestral = format("codestral:22b");
        String spm = "[SUFFIX]\nreturn y[PREFIX]+++++ src/a.py\ny = ";
        FimFormat.Cursor c = codestral.cursorIn(spm).orElseThrow();
        assertThat(c.suffix()).isEqualTo("\nreturn y");
        assertThat(c.prefix()).isEqualTo("+++++ src/a.py\ny = ");
        assertThat(FORMATS.foundIn(spm).orElseThrow().name()).isEqualTo("codestral");

        FimFormat codellama = format("codellama:7b");
        assertThat(codellama.splice("<PRE> x = <SUF> <MID>", "analysis", CONTEXT, "a.py"))
                .isEqualTo("<PRE> # Path: analysis/cuts.py\n# S1_AREA_MIN = 3.0\n#\n# Path: a.py\nx = <SUF> <MID>");
    }

    @Test
    void configuredFormatsChangeBuiltInOnesOrAddNewFamilies() {
        FimFormats formats = FimFormats.withOverrides(Map.of(
                "qwen", new IdeProperties.Format(null, null, null, null, null, null, null, List.of("<|endoftext|>")),
                "granite", new IdeProperties.Format("granite-code", "<fim_prefix>", "<fim_suffix>", "<fim_middle>",
                        null, null, null, List.of("<|endoftext|>"))));
        assertThat(formats.forModel("qwen2.5-coder:7b").orElseThrow().stop()).containsExactly("<|endoftext|>");
        assertThat(formats.forModel("qwen2.5-coder:7b").orElseThrow().prefix()).isEqualTo("<|fim_prefix|>");
        assertThat(formats.forModel("granite-code:8b").orElseThrow().prompt("", List.of(), "", "a", "b"))
                .isEqualTo("<fim_prefix>a<fim_suffix>b<fim_middle>");
    }

    @Test
    void theQueryNamesImportsAndTheIdentifiersNearestTheCursor() {
        String query = RepositoryContext.query("import numpy as np\nfrom straxen.cuts import passes_s1, S2Width\n\n"
                + "def select(peaks):\n    return [p for p in peaks if area_fraction_top(", ")]\n");
        List<String> terms = List.of(query.split(" "));
        assertThat(terms.getFirst()).isEqualTo("area_fraction_top");
        assertThat(terms).contains("peaks", "select", "passes_s1", "S2Width", "straxen", "numpy").doesNotContain("def", "return", "for");
        assertThat(RepositoryContext.pathInLeadingComments("# Path: lib/x.py\n# x = 1\n# analysis/sel.py\nimport os\n"))
                .isEqualTo("analysis/sel.py");
        assertThat(RepositoryContext.pathInLeadingComments("import os\n# a.py\n")).isEmpty();
    }

    private static FimFormat format(String model) {
        return FORMATS.forModel(model).orElseThrow();
    }
}
