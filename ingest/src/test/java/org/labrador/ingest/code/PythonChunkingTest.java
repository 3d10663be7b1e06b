package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.lines;
import static org.labrador.ingest.code.CodeFixtures.named;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.TokenCount;

/** Python: definitions by indentation, decorators, docstrings, constants, large definitions. */
class PythonChunkingTest {

    private static final String PATH = "straxen/plugins/peak_basics.py";
    private final String source = fixture("peak_basics.py");

    @Test
    void aClassThatFitsIsOnePassageWithItsDecoratorsAndMethods() {
        ChunkedCode code = new CodeChunker(350).chunk(PATH, source);

        assertThat(code.title()).isEqualTo("peak_basics.py");
        assertThat(code.language()).isEqualTo("python");
        CodePassage plugin = named(code, "peak_basics.PeakBasics");
        assertThat(plugin.passage().headings()).containsExactly("peak_basics", "PeakBasics");
        assertThat(plugin.passage().text()).startsWith("@export\n@strax.takes_config(")
                .contains("raise ValueError(f\"Peak area");
        assertThat(plugin.definedSymbols()).containsExactly("PeakBasics", "infer_dtype", "compute", "area_fraction",
                "check_area");
        assertExactLines(source, code.passages());
    }

    @Test
    void moduleLevelCodeDefinesItsConstantsButNotNamesInsideStrings() {
        ChunkedCode code = new CodeChunker(350).chunk(PATH, source);

        CodePassage header = code.passages().getFirst();
        assertThat(header.qualifiedName()).isEqualTo("peak_basics");
        assertThat(header.passage().headings()).containsExactly("peak_basics");
        assertThat(header.passage().startLine()).isEqualTo(1);
        assertThat(header.definedSymbols()).contains("S1_AREA_MIN", "S2_AREA_MIN", "DEFAULT_WIDTHS", "TEMPLATE")
                .doesNotContain("fake", "Nope");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols).doesNotContain("fake", "Nope");
        assertThat(code.passages().getLast().passage().text()).isEqualTo("if __name__ == \"__main__\":\n    print(S1_AREA_MIN)");
        assertThat(code.passages().getLast().qualifiedName()).isEqualTo("peak_basics");
    }

    @Test
    void aFunctionWithAContinuedSignatureIsOnePassageWithExactLines() {
        ChunkedCode code = new CodeChunker(350).chunk(PATH, source);

        CodePassage shift = named(code, "peak_basics.shift_time");
        int start = lines(source).indexOf("def shift_time(peaks, dt=10, \\") + 1;
        assertThat(shift.passage().startLine()).isEqualTo(start);
        assertThat(shift.passage().endLine()).isEqualTo(start + 6);
        assertThat(shift.passage().text()).endsWith("    return peaks");
        assertThat(shift.definedSymbols()).containsExactly("shift_time");
    }

    @Test
    void aLargeClassIsOpenedIntoItsMethods() {
        ChunkedCode code = new CodeChunker(100).chunk(PATH, source);

        CodePassage header = named(code, "peak_basics.PeakBasics");
        assertThat(header.passage().text()).startsWith("@export\n@strax.takes_config(")
                .contains("class PeakBasics(strax.Plugin):", "The docstring mentions def compute(self)",
                        "provides = 'peak_basics'")
                .doesNotContain("def infer_dtype");
        assertThat(header.definedSymbols()).containsExactly("PeakBasics");

        CodePassage compute = code.passages().stream()
                .filter(p -> p.qualifiedName().equals("peak_basics.PeakBasics.compute")).findFirst().orElseThrow();
        assertThat(compute.passage().headings()).containsExactly("peak_basics", "PeakBasics", "compute");
        assertThat(compute.passage().text()).startsWith("    # The main work: one row per peak.\n    def compute(self, peaks,")
                .contains("                end=None):");
        assertThat(compute.definedSymbols()).contains("compute");

        CodePassage check = named(code, "peak_basics.PeakBasics.check_area");
        assertThat(check.passage().text()).startsWith("    @staticmethod\n    @numba.njit(cache=True,")
                .contains("async def check_area(", "\"\"\"Check the peak area matches the waveform area.\"\"\"");
        assertExactLines(source, code.passages());
    }

    @Test
    void aNestedFunctionOfAnOpenedMethodHasTheFullNamePath() {
        ChunkedCode code = new CodeChunker(60).chunk(PATH, source);

        CodePassage nested = named(code, "peak_basics.PeakBasics.compute.area_fraction");
        assertThat(nested.passage().headings()).containsExactly("peak_basics", "PeakBasics", "compute", "area_fraction");
        assertThat(nested.passage().text()).startsWith("        def area_fraction(top, total):")
                .endsWith("return top / total if total else 0.");
        assertThat(nested.definedSymbols()).containsExactly("area_fraction");
        assertExactLines(source, code.passages());
    }

    @Test
    void aHugeFunctionIsCutBetweenStatementsWithinTheBound() {
        StringBuilder text = new StringBuilder("import numpy as np\n\n\ndef reconstruct(events):\n    \"\"\"Long.\n\n    Docstring with a blank line.\n    \"\"\"\n");
        for (int i = 0; i < 300; i++) {
            text.append("    area_").append(i).append(" = np.sum(events['area'][").append(i).append("]) * 1.5\n");
            if (i % 7 == 6) {
                text.append("\n");
            }
        }
        text.append("    return events\n");
        String huge = text.toString();

        ChunkedCode code = new CodeChunker(100).chunk("reco/huge.py", huge);

        List<CodePassage> pieces = code.passages().stream().filter(p -> p.qualifiedName().equals("huge.reconstruct")).toList();
        assertThat(pieces).hasSizeGreaterThan(5);
        assertThat(pieces).allSatisfy(p -> {
            assertThat(TokenCount.of(p.passage().text())).isLessThanOrEqualTo(200);
            assertThat(p.passage().headings()).containsExactly("huge", "reconstruct");
        });
        assertThat(pieces.getFirst().passage().text()).startsWith("def reconstruct(events):\n    \"\"\"Long.\n\n    Docstring");
        assertThat(pieces.getFirst().definedSymbols()).containsExactly("reconstruct");
        assertThat(pieces.getLast().passage().text()).endsWith("    return events");
        for (int i = 1; i < pieces.size(); i++) {
            // cut at blank lines between statements: the next piece starts after a blank line
            int start = pieces.get(i).passage().startLine();
            assertThat(lines(huge).get(start - 2)).isBlank();
        }
        assertExactLines(huge, code.passages());
    }

    @Test
    void decoratorsStayWithTheirClassWhenTheHeaderIsOpenedUp() {
        ChunkedCode code = new CodeChunker(20).chunk(PATH, source);

        assertThat(code.passages()).noneMatch(p -> p.passage().text().strip().equals("@export"));
        assertExactLines(source, code.passages());
    }
}
