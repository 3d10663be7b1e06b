package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.lines;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Notebooks: cell sources without outputs, cited by the lines of the .ipynb file. */
class NotebookChunkingTest {

    private final String source = fixture("s1_study.ipynb");

    @Test
    void cellsAreGroupedUnderTheirMarkdownHeadingsWithoutOutputs() {
        ChunkedCode code = new CodeChunker(350).chunk("notebooks/s1_study.ipynb", source);

        assertThat(code.language()).isEqualTo("notebook");
        assertThat(code.title()).isEqualTo("s1_study.ipynb");
        assertThat(code.passages()).hasSize(2);
        CodePassage intro = code.passages().getFirst();
        assertThat(intro.passage().headings()).containsExactly("s1_study", "S1 selection study");
        assertThat(intro.passage().text()).isEqualTo(
                "# S1 selection study\n\nLooks at the S1 area threshold.\n\nimport numpy as np\nS1_AREA_MIN = 3");
        assertThat(intro.definedSymbols()).containsExactly("S1_AREA_MIN");
        CodePassage efficiency = code.passages().get(1);
        assertThat(efficiency.passage().headings()).containsExactly("s1_study", "Efficiency");
        assertThat(efficiency.definedSymbols()).containsExactly("efficiency");
        assertThat(efficiency.passage().text()).contains("def efficiency(areas, threshold=S1_AREA_MIN):",
                "print(efficiency(np.arange(10)))");
        assertThat(code.passages()).noneSatisfy(p -> assertThat(p.passage().text())
                .containsAnyOf("OUTPUT_MARKER_TEXT", "iVBORw0KGgo", "raw cell", "\"source\""));
    }

    @Test
    void lineRangesPointAtTheCellSourcesInTheFile() {
        List<String> fileLines = lines(source);
        for (CodePassage p : new CodeChunker(5).chunk("s1_study.ipynb", source).passages()) {
            String first = fileLines.get(p.passage().startLine() - 1);
            String last = fileLines.get(p.passage().endLine() - 1);
            String firstSourceLine = p.passage().text().lines().findFirst().orElseThrow();
            assertThat(first).as("first line of %s", p.passage().text()).contains(jsonEscaped(firstSourceLine));
            String lastSourceLine = p.passage().text().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).contains(jsonEscaped(lastSourceLine));
        }
    }

    @Test
    void malformedNotebooksYieldNoPassagesAndNeverThrow() {
        CodeChunker chunker = new CodeChunker(350);
        for (String broken : List.of("", "{", "not json at all", source.substring(0, source.length() / 2),
                "{\"cells\": 3}", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [1, null]}]}", "[]")) {
            assertThat(chunker.chunk("broken.ipynb", broken).passages()).isEmpty();
        }
    }

    private static String jsonEscaped(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
