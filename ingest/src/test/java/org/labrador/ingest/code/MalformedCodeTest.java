package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.TokenCount;

/** Odd and broken input: nothing throws, and what comes out still cites exact lines. */
class MalformedCodeTest {

    private static final List<String> PATHS = List.of("a.py", "a.c", "a.cpp", "a.java", "a.go", "a.js", "a.ts",
            "a.sh", "a.yaml", "a.toml", "a.ini", "a.json", "a.ipynb", "a.txt", "Makefile");

    private static final List<String> BROKEN = List.of(
            "",
            "\n\n  \n",
            "def f(:\n    return {[(\n\nclass X\n  }}}}\n",
            "int main() {\n  if (x) {\n    printf(\"unterminated\n  }\n",
            "}}}}\n{{{{\nvoid f() {\n/* never closed",
            "s = '''never closed\ndef g():\n    pass\n",
            "\uFEFFdef f():\r\n\treturn 1\r\n\r\nX = 2\r\n",
            "class A:\n\tdef f(self):\n        return 1\n\tdef g(self): pass\n",
            "x = " + "1 + ".repeat(20_000) + "1\n",
            "key: [unclosed\n  - a\n: weird\n---\n...\n",
            "[section\nkey = \"\"\"open\n",
            "{\"a\": [1, 2,\n",
            "function f() { return `template ${ {a: '}'} }`; }\nconst r = /[}{]/;\n",
            "cat <<EOF\n{\nno end");

    @Test
    void brokenInputNeverThrowsAndKeepsExactLines() {
        CodeChunker chunker = new CodeChunker(50);
        for (String path : PATHS) {
            for (String text : BROKEN) {
                assertThatCode(() -> {
                    ChunkedCode code = chunker.chunk(path, text);
                    assertThat(code.title()).isEqualTo(path);
                    if (!path.endsWith(".ipynb")) {
                        assertExactLines(text, code.passages());
                    }
                }).as("%s with %.40s", path, text).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void largeAndPathologicalFilesChunkQuickly() {
        StringBuilder cpp = new StringBuilder("namespace big {\n");
        for (int i = 0; i < 5_000; i++) {
            cpp.append("/** Doc ").append(i).append(" { */\ndouble Calib::gain").append(i)
                    .append("(const std::vector<double>& v) const {\n  return v[").append(i).append("] * 2; // }\n}\n\n");
        }
        cpp.append("}\n");
        String header = "a ".repeat(1_500) + "<".repeat(200) + "(x) {\n}\n" + "q ".repeat(2_000) + "= (" + "x: y, ".repeat(500) + ") => {\n}\n";
        CodeChunker chunker = new CodeChunker(350);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ChunkedCode code = chunker.chunk("big.cpp", cpp.toString());
            assertThat(code.passages()).hasSize(5_000)
                    .allSatisfy(p -> assertThat(p.passage().headings()).hasSize(4).startsWith("big", "big", "Calib"));
            for (String path : List.of("h.cpp", "h.ts", "h.java", "h.go", "h.py", "h.sh")) {
                assertExactLines(header, chunker.chunk(path, header).passages());
            }
        });
    }

    @Test
    void crlfAndByteOrderMarkAreReadLikePlainLines() {
        String text = "\uFEFFimport os\r\n\r\nLIMIT = 3\r\n\r\n\r\ndef f(x):\r\n    return x\r\n";
        ChunkedCode code = new CodeChunker(350).chunk("m.py", text);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).containsExactly("m", "m.f");
        assertThat(code.passages().getFirst().passage().text()).isEqualTo("import os\n\nLIMIT = 3");
        assertThat(code.passages().getFirst().definedSymbols()).containsExactly("LIMIT");
        assertThat(code.passages().get(1).passage().startLine()).isEqualTo(6);
    }

    @Test
    void anEmptyFileHasATitleAndNoPassages() {
        ChunkedCode code = new CodeChunker(350).chunk("src/empty.py", "");
        assertThat(code.title()).isEqualTo("empty.py");
        assertThat(code.passages()).isEmpty();
    }

    @Test
    void unknownFilesAreCutIntoWindowsAtBlankLines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("line number ").append(i).append(" of a plain file\n");
            if (i % 5 == 4) {
                text.append('\n');
            }
        }
        ChunkedCode code = new CodeChunker(40).chunk("NOTES", text.toString());
        assertThat(code.language()).isEqualTo("text");
        assertThat(code.passages()).hasSizeGreaterThan(3)
                .allSatisfy(p -> assertThat(TokenCount.of(p.passage().text())).isLessThanOrEqualTo(80));
        assertExactLines(text.toString(), code.passages());
    }

    @Test
    void languagesComeFromExtensions() {
        assertThat(CodeChunker.language("straxen/plugins/peak_basics.py")).contains("python");
        assertThat(CodeChunker.language("macros/fit.C")).contains("cpp");
        assertThat(CodeChunker.language("src/hit.c")).contains("c");
        assertThat(CodeChunker.language("include/hit.HPP")).contains("cpp");
        assertThat(CodeChunker.language("web/App.tsx")).contains("typescript");
        assertThat(CodeChunker.language("run.sh")).contains("shell");
        assertThat(CodeChunker.language("study.ipynb")).contains("notebook");
        assertThat(CodeChunker.language("setup.cfg")).contains("ini");
        assertThat(CodeChunker.language("ci.yml")).contains("yaml");
        assertThat(CodeChunker.language("README.md")).isEmpty();
        assertThat(CodeChunker.language("Makefile")).isEmpty();
        assertThat(CodeChunker.language(".bashrc")).isEmpty();
    }
}
