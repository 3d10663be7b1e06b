package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.named;
import static org.labrador.ingest.code.CodeFixtures.outlineRows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Go read from the tree-sitter syntax tree, against the brace reader on the same files. */
class GoSyntaxTreeTest {

    private final String drift = fixture("drift.go");

    @BeforeAll
    static void treeSitterLoads() {
        assertThat(GoSyntaxTree.available()).as("tree-sitter Go grammar loads").isTrue();
    }

    @Test
    void theDriftFixtureReadsExactlyAsTheBraceReaderReadsIt() {
        CodeLines lines = new CodeLines(drift);
        Outline byTree = GoSyntaxTree.read(lines, 0).orElseThrow();
        Outline byBraces = BraceDefinitions.read(lines, "go");

        assertThat(outlineRows(byTree.definitions())).containsExactly(
                "Field TYPE 15-19 (16)",
                "DriftTime FUNCTION 23-28 (24)",
                "Field.Describe FUNCTION 30-33 (31)");
        assertThat(outlineRows(byTree.definitions())).isEqualTo(outlineRows(byBraces.definitions()));
        assertThat(byTree.symbols()).isEqualTo(byBraces.symbols());
        assertThat(byTree.depth()).isEqualTo(byBraces.depth());
    }

    /** Where the brace reader is wrong: {@code struct{}} in a signature, grouped types, braces in raw strings. */
    @Test
    void structTypesInSignaturesAndGroupedTypeDeclarations() {
        String source = """
                package store

                var usage = `store {
                  keys }} `

                // Keys lists the keys of a set.
                func Keys(set map[string]struct{}) []string {
                	out := []string{}
                	for k := range set {
                		out = append(out, k)
                	}
                	return out
                }

                type (
                	// Run is one run.
                	Run struct {
                		Number int
                	}
                	Source interface {
                		Runs() []Run
                	}
                	ID = string
                )

                func (s *Stack[T]) Push(v T) {
                	s.items = append(s.items, v)
                }
                """;
        CodeLines lines = new CodeLines(source);

        assertThat(outlineRows(GoSyntaxTree.read(lines, 0).orElseThrow().definitions())).containsExactly(
                "Keys FUNCTION 6-13 (7)",
                "Run TYPE 16-19 (17)",
                "Source TYPE 20-22 (20)",
                "Stack.Push FUNCTION 26-28 (26)");
        assertThat(GoSyntaxTree.read(lines, 0).orElseThrow().symbols()).extracting(Symbol::name)
                .containsExactly("usage", "ID");
        // The brace reader, for comparison: Keys, Run and Source are lost.
        assertThat(outlineRows(BraceDefinitions.read(lines, "go").definitions()))
                .containsExactly("Stack.Push FUNCTION 26-28 (26)");

        ChunkedCode code = new CodeChunker(350).chunk("store/store.go", source);
        assertThat(named(code, "store.Keys").passage().text()).startsWith("// Keys lists").endsWith("\treturn out\n}");
        assertThat(named(code, "store.Stack.Push").passage().headings()).containsExactly("store", "Stack", "Push");
        assertExactLines(source, code.passages());
        assertExactLines(source, new CodeChunker(10).chunk("store/store.go", source).passages());
    }

    @Test
    void syntaxErrorsSendTheFileToTheBraceReader() {
        String broken = "package p\n\nfunc f() {\n\tx :=\n}\n\nfunc g() int { return 1 }\n";
        assertThat(GoSyntaxTree.read(new CodeLines(broken), 0)).isEmpty();

        ChunkedCode code = new CodeChunker(5).chunk("p/broken.go", broken);
        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains("broken.g");
        assertExactLines(broken, code.passages());
    }
}
