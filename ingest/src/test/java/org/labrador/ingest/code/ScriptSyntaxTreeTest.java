package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.named;
import static org.labrador.ingest.code.CodeFixtures.outlineRows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TypeScript and JavaScript read from the tree-sitter syntax tree, against the brace reader on the same files. */
class ScriptSyntaxTreeTest {

    private final String plot = fixture("plot.ts");

    @BeforeAll
    static void treeSitterLoads() {
        assertThat(ScriptSyntaxTree.available("typescript")).as("tree-sitter TypeScript grammar loads").isTrue();
        assertThat(ScriptSyntaxTree.available("javascript")).as("tree-sitter JavaScript grammar loads").isTrue();
    }

    @Test
    void thePlotFixtureReadsExactlyAsTheBraceReaderReadsIt() {
        CodeLines lines = new CodeLines(plot);
        Outline byTree = ScriptSyntaxTree.read(lines, "typescript", 0).orElseThrow();
        Outline byBraces = BraceDefinitions.read(lines, "typescript");

        assertThat(outlineRows(byTree.definitions())).containsExactly(
                "fillHistogram FUNCTION 6-13 (7)",
                "normalise FUNCTION 15-18 (15)",
                "SpectrumPlot TYPE 20-34 (20)",
                "  constructor FUNCTION 23-25 (23)",
                "  render FUNCTION 27-29 (27)",
                "  onClick FUNCTION 31-33 (31)");
        assertThat(outlineRows(byTree.definitions())).isEqualTo(outlineRows(byBraces.definitions()));
        assertThat(byTree.symbols()).isEqualTo(byBraces.symbols());
    }

    /** Where the brace reader is wrong: object types in parameters, generic arrow functions, template literals. */
    @Test
    void objectTypesInSignaturesGenericArrowsAndTemplateLiterals() {
        String source = """
                import { Axis } from "./axis";

                /** Draws the spectrum. */
                export function draw(options: { bins: number; log?: boolean }): void {
                  const label = `bins: ${options.bins} }`;
                  axis(label);
                }

                export const identity = <T,>(value: T): T => {
                  return value;
                };

                export interface Styled {
                  colour: string;
                }

                export type Range = { lo: number; hi: number };

                export namespace Units {
                  export function keV(x: number): number {
                    return x;
                  }
                }

                @Component({ selector: "plot" })
                export class Legend {
                  @Input()
                  entries: string[] = [];

                  @HostListener("click")
                  toggle(): void {
                    this.open = !this.open;
                  }
                }
                """;
        CodeLines lines = new CodeLines(source);
        Outline byTree = ScriptSyntaxTree.read(lines, "typescript", 0).orElseThrow();

        assertThat(outlineRows(byTree.definitions())).containsExactly(
                "draw FUNCTION 3-7 (4)",
                "identity FUNCTION 9-11 (9)",
                "Styled TYPE 13-15 (13)",
                "Units NAMESPACE 19-23 (19)",
                "  keV FUNCTION 20-22 (20)",
                "Legend TYPE 25-34 (26)",
                "  toggle FUNCTION 30-33 (31)");
        assertThat(byTree.symbols()).extracting(Symbol::name).containsExactly("identity", "Range");
        // The brace reader, for comparison: draw and identity are lost.
        assertThat(outlineRows(BraceDefinitions.read(lines, "typescript").definitions()))
                .doesNotContain("draw FUNCTION 3-7 (4)", "identity FUNCTION 9-11 (9)");

        ChunkedCode code = new CodeChunker(20).chunk("web/draw.ts", source);
        assertThat(named(code, "draw.Legend.toggle").passage().text()).startsWith("  @HostListener(\"click\")");
        assertThat(named(code, "draw.Units.keV").passage().headings()).containsExactly("draw", "Units", "keV");
        assertExactLines(source, code.passages());
        ChunkedCode whole = new CodeChunker(350).chunk("web/draw.ts", source);
        assertThat(named(whole, "draw.draw").passage().text()).startsWith("/** Draws the spectrum. */")
                .endsWith("  axis(label);\n}");
        assertThat(named(whole, "draw.identity").definedSymbols()).containsExactly("identity");
    }

    @Test
    void javascriptWithJsxClassesFunctionValuesAndPrototypeMethods() {
        String source = """
                // Renders one run.
                export function Run({ run }) {
                  return <div className="run">{run.number}</div>;
                }

                const total = function (values) {
                  return values.reduce((a, b) => a + b, 0);
                };

                class Counter {
                  count = 0;
                  increment = () => {
                    this.count++;
                  };
                  get value() {
                    return this.count;
                  }
                }

                Counter.prototype.reset = function () {
                  this.count = 0;
                };

                module.exports = { Run, Counter };
                """;
        CodeLines lines = new CodeLines(source);

        assertThat(outlineRows(ScriptSyntaxTree.read(lines, "javascript", 0).orElseThrow().definitions()))
                .containsExactly(
                        "Run FUNCTION 1-4 (2)",
                        "total FUNCTION 6-8 (6)",
                        "Counter TYPE 10-18 (10)",
                        "  increment FUNCTION 12-14 (12)",
                        "  value FUNCTION 15-17 (15)",
                        "Counter.prototype.reset FUNCTION 20-22 (20)");
        ChunkedCode code = new CodeChunker(50).chunk("web/run.jsx", source);
        assertThat(code.language()).isEqualTo("javascript");
        assertThat(named(code, "run.Run").passage().text()).startsWith("// Renders one run.");
        assertThat(named(code, "run.Counter.prototype.reset").passage().text()).endsWith("  this.count = 0;\n};");
        assertExactLines(source, code.passages());
    }

    @Test
    void syntaxErrorsAndJsxInTypeScriptSendTheFileToTheBraceReader() {
        String broken = "function f() {\n  const x = ;\n}\n\nfunction g() {\n  return 1;\n}\n";
        assertThat(ScriptSyntaxTree.read(new CodeLines(broken), "typescript", 0)).isEmpty();
        String tsx = "export function View(): JSX.Element {\n  return <div>{1}</div>;\n}\n";
        assertThat(ScriptSyntaxTree.read(new CodeLines(tsx), "typescript", 0)).isEmpty();

        ChunkedCode code = new CodeChunker(5).chunk("web/broken.ts", broken);
        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains("broken.g");
        assertExactLines(broken, code.passages());
        assertThat(new CodeChunker(5).chunk("web/View.tsx", tsx).passages()).extracting(CodePassage::qualifiedName)
                .contains("View.View");
    }
}
