package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.named;
import static org.labrador.ingest.code.CodeFixtures.outlineRows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java read from the tree-sitter syntax tree, against the brace reader on the same files. */
class JavaSyntaxTreeTest {

    private final String selection = fixture("EventSelection.java");

    @BeforeAll
    static void treeSitterLoads() {
        assertThat(JavaSyntaxTree.available()).as("tree-sitter Java grammar loads").isTrue();
    }

    /**
     * The same definitions and lines as the brace reader, with two differences: the name line of
     * an annotated method is the line with its name, not the annotation's; and every field is a
     * symbol, not only the {@code static final} ones.
     */
    @Test
    void theEventSelectionFixtureReadsAsTheBraceReaderReadsIt() {
        CodeLines lines = new CodeLines(selection);
        Outline byTree = JavaSyntaxTree.read(lines, 0).orElseThrow();

        assertThat(outlineRows(byTree.definitions())).containsExactly(
                "EventSelection TYPE 5-35 (6)",
                "  EventSelection FUNCTION 13-15 (13)",
                "  accept FUNCTION 17-27 (19)",
                "  Event TYPE 29-30 (29)",
                "  sorted FUNCTION 32-34 (32)");
        assertThat(outlineRows(BraceDefinitions.read(lines, "java").definitions())).containsExactly(
                "EventSelection TYPE 5-35 (6)",
                "  EventSelection FUNCTION 13-15 (13)",
                "  accept FUNCTION 17-27 (18)",
                "  Event TYPE 29-30 (29)",
                "  sorted FUNCTION 32-34 (32)");
        assertThat(byTree.symbols()).extracting(Symbol::name).containsExactly("MAX_RADIUS_CM", "LABEL", "zMin");

        ChunkedCode code = new CodeChunker(60).chunk("src/main/java/org/example/analysis/EventSelection.java", selection);
        assertThat(named(code, "EventSelection.EventSelection.accept").passage().text())
                .startsWith("    /** Whether the event is inside the fiducial volume. */\n    @Override\n")
                .contains("public void run()").endsWith("zMin;\n    }");
        assertExactLines(selection, code.passages());
        assertExactLines(selection, new CodeChunker(5).chunk("EventSelection.java", selection).passages());
    }

    /** Where the brace reader is wrong: braces in an annotation's array before a class lose the whole class. */
    @Test
    void annotationArraysRecordsWithCompactConstructorsAndTextBlocks() {
        String source = """
                package org.example;

                /** Shapes of a cut. */
                @JsonSubTypes({@Type(value = Box.class), @Type(value = Disk.class)})
                public sealed interface Shape permits Box {

                    String HELP = \"""
                        { not a block
                        \""";

                    /** A box. */
                    record Box(double x, double y) implements Shape {
                        Box {
                            if (x < 0) {
                                throw new IllegalArgumentException("{");
                            }
                        }
                    }

                    enum Unit { MM, CM }

                    default double area() {
                        return 0;
                    }
                }
                """;
        CodeLines lines = new CodeLines(source);
        Outline byTree = JavaSyntaxTree.read(lines, 0).orElseThrow();

        assertThat(outlineRows(byTree.definitions())).containsExactly(
                "Shape TYPE 3-25 (5)",
                "  Box TYPE 11-18 (12)",
                "    Box FUNCTION 13-17 (13)",
                "  Unit TYPE 20-20 (20)",
                "  area FUNCTION 22-24 (22)");
        assertThat(byTree.symbols()).extracting(Symbol::name).containsExactly("HELP", "MM", "CM");
        // The brace reader, for comparison: the header after the annotation's braces is not a class.
        assertThat(outlineRows(BraceDefinitions.read(lines, "java").definitions())).doesNotContain("Shape TYPE 3-25 (5)");

        ChunkedCode code = new CodeChunker(20).chunk("src/Shape.java", source);
        assertThat(named(code, "Shape.Shape.Box").passage().text()).startsWith("    /** A box. */");
        assertThat(named(code, "Shape.Shape.area").passage().headings()).containsExactly("Shape", "Shape", "area");
        assertExactLines(source, code.passages());
    }

    @Test
    void syntaxErrorsSendTheFileToTheBraceReader() {
        String broken = "class A {\n    void f() {\n        int x = ;\n    }\n\n    void g() {\n    }\n}\n";
        assertThat(JavaSyntaxTree.read(new CodeLines(broken), 0)).isEmpty();

        ChunkedCode code = new CodeChunker(5).chunk("A.java", broken);
        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains("A.A.g");
        assertExactLines(broken, code.passages());
    }
}
