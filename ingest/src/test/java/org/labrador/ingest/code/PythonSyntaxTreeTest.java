package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.lines;
import static org.labrador.ingest.code.CodeFixtures.named;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python read from the tree-sitter syntax tree, on fixtures written to trip an indentation reader:
 * decorators, nested classes, {@code def} inside strings, async definitions, lambdas, type hints,
 * one-line definitions, a {@code __main__} block, and strings continued with a backslash.
 */
class PythonSyntaxTreeTest {

    private final String display = fixture("event_display.py");
    private final String calibration = fixture("gain_calibration.py");

    @BeforeAll
    static void treeSitterLoads() {
        // Linux x86_64 is what CI and the deployment run; elsewhere the fallback is tested below.
        assertThat(PythonSyntaxTree.available()).as("tree-sitter native library loads").isTrue();
    }

    @Test
    void definitionsComeFromTheSyntaxTreeWithTheirDecoratorsAndNestedNames() {
        ChunkedCode code = new CodeChunker(30).chunk("tpc/event_display.py", display);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains(
                "event_display.Hit", "event_display.Hit.Meta", "event_display.Hit.end", "event_display.select",
                "event_display.stream_hits", "event_display.Display.__init__", "event_display.Display.render",
                "event_display.Display.refresh", "event_display.main");
        CodePassage hit = named(code, "event_display.Hit");
        assertThat(hit.passage().text()).startsWith("@dataclass(frozen=True)\nclass Hit:\n    \"\"\"One PMT hit.\"\"\"");
        CodePassage end = named(code, "event_display.Hit.end");
        assertThat(end.passage().text()).isEqualTo("    @property\n    def end(self) -> int:\n        return self.time + 10");
        CodePassage meta = named(code, "event_display.Hit.Meta");
        assertThat(meta.definedSymbols()).containsExactly("Meta", "describe");
        CodePassage refresh = named(code, "event_display.Display.refresh");
        assertThat(refresh.passage().text()).isEqualTo("    async def refresh(self): await asyncio.sleep(0)");
        assertThat(refresh.passage().startLine()).isEqualTo(refresh.passage().endLine());
        assertExactLines(display, code.passages());
    }

    @Test
    void defInsideStringsAndADefaultArgumentStringIsNoDefinition() {
        ChunkedCode code = new CodeChunker(350).chunk("tpc/event_display.py", display);

        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols)
                .doesNotContain("not_a_function", "Ghost", "haunt", "fake");
        CodePassage render = named(new CodeChunker(30).chunk("tpc/event_display.py", display),
                "event_display.Display.render");
        int start = lines(display).indexOf("    def render(self, title=\"\"\"def fake():") + 1;
        assertThat(render.passage().startLine()).isEqualTo(start);
        assertThat(render.passage().endLine()).isEqualTo(start + 4);
        assertThat(render.definedSymbols()).containsExactly("render", "panel");
    }

    @Test
    void aSignatureOverSeveralLinesWithLambdaDefaultsAndATrailingCommentStaysOnePassage() {
        ChunkedCode code = new CodeChunker(350).chunk("tpc/event_display.py", display);

        CodePassage select = named(code, "event_display.select");
        assertThat(select.passage().text()).startsWith("def select(hits: list[Hit],\n")
                .contains("    kept = [h for h in hits\n            if keep(h)]\n\n    return kept")
                .endsWith("    # trailing note about select");
        CodePassage stream = named(code, "event_display.stream_hits");
        assertThat(stream.passage().text()).startsWith("async def stream_hits(source, *, batch: int = 100):");
    }

    @Test
    void moduleConstantsIncludeImportFallbacksAndTypedAndLambdaAssignments() {
        ChunkedCode code = new CodeChunker(350).chunk("tpc/event_display.py", display);

        CodePassage header = code.passages().getFirst();
        assertThat(header.qualifiedName()).isEqualTo("event_display");
        assertThat(header.definedSymbols()).containsExactly("HAVE_NUMBA", "DRIFT_VELOCITY", "to_pe", "LABELS",
                "TEMPLATE");
        assertThat(code.passages().getLast().passage().text()).isEqualTo("    main()");
        CodePassage main = named(code, "event_display.main");
        assertThat(main.passage().headings()).containsExactly("event_display", "main");
    }

    /** Where the indentation reader is wrong and the syntax tree is right. */
    @Test
    void stringsContinuedWithABackslashAndClauseOneLinersAreReadAsPythonDoes() {
        ChunkedCode code = new CodeChunker(350).chunk("calib/gain_calibration.py", calibration);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).containsExactly("gain_calibration",
                "gain_calibration.GainModel", "gain_calibration.load_gains", "gain_calibration.main",
                "gain_calibration");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols)
                .doesNotContain("usage", "Nope", "else", "status");
        assertThat(code.passages().getFirst().definedSymbols())
                .containsExactly("VERSION", "SCHEMA", "TOML_FALLBACK", "USAGE", "GAIN_FILE");
        assertThat(named(code, "gain_calibration.GainModel").definedSymbols()).containsExactly("GainModel", "fit", "_fit");

        ChunkedCode small = new CodeChunker(20).chunk("calib/gain_calibration.py", calibration);
        CodePassage fit = named(small, "gain_calibration.GainModel.fit");
        assertThat(fit.passage().text()).contains("class Nope: not a class\"").endsWith("return self._fit(spectrum, help_text)");
        assertExactLines(calibration, small.passages());

        // The indentation reader, for comparison: it opens definitions inside the continued strings.
        CodeLines lines = new CodeLines(calibration);
        List<String> byIndentation = PythonDefinitions.read(lines).definitions().stream().map(Definition::name).toList();
        assertThat(byIndentation).contains("usage", "Nope");
    }

    @Test
    void aFileWithSyntaxErrorsIsReadByIndentation() {
        String broken = "import os\n\n\ndef good(x):\n    return x\n\n\ndef bad(:\n    return (\n\n\nclass Kept:\n    pass\n";
        assertThat(PythonSyntaxTree.read(new CodeLines(broken))).isEmpty();

        ChunkedCode code = new CodeChunker(350).chunk("broken.py", broken);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains("broken.good");
        assertExactLines(broken, code.passages());
    }

    @Test
    void bothReadersAgreeOnTheRealWorldFixture() {
        String source = fixture("peak_basics.py");
        CodeLines lines = new CodeLines(source);
        Outline tree = PythonSyntaxTree.read(lines).orElseThrow();
        Outline indentation = PythonDefinitions.read(lines);

        assertThat(tree.definitions()).usingRecursiveFieldByFieldElementComparator().isEqualTo(indentation.definitions());
        assertThat(tree.symbols()).isEqualTo(indentation.symbols());
    }

    @Test
    void columnsOfTheBindingAreCountedInModifiedUtf8() {
        assertThat(PythonSyntaxTree.charIndex("x = 'é😀'; y", 16)).isEqualTo("x = 'é😀'; ".length());
        assertThat(PythonSyntaxTree.charIndex("    name", 4)).isEqualTo(4);
    }
}
