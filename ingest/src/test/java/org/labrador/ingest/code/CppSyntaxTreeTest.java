package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.lines;
import static org.labrador.ingest.code.CodeFixtures.named;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * C and C++ read from the tree-sitter syntax tree, on a ROOT-style analysis class: inline and
 * out-of-line methods, nested namespaces, a template, {@code ClassDef}/{@code ClassImp} without
 * semicolons, {@code #ifdef} blocks, a lambda, brace initialisers the brace reader misreads.
 */
class CppSyntaxTreeTest {

    private final String analysis = fixture("S1Analysis.cxx");

    @BeforeAll
    static void treeSitterLoads() {
        assertThat(CppSyntaxTree.available()).as("tree-sitter C++ grammar loads").isTrue();
    }

    @Test
    void aRootAnalysisClassWithItsOutOfLineMethodsTemplateAndNamespaces() {
        ChunkedCode code = new CodeChunker(350).chunk("src/S1Analysis.cxx", analysis);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).containsExactly("S1Analysis",
                "S1Analysis.xenon.s1", "S1Analysis.xenon.s1.S1Analysis", "S1Analysis.xenon.s1",
                "S1Analysis.xenon.s1.S1Analysis.S1Analysis", "S1Analysis.xenon.s1.S1Analysis.Loop",
                "S1Analysis.xenon.s1.S1Analysis.Init", "S1Analysis.xenon.s1.S1Analysis.~S1Analysis",
                "S1Analysis.xenon.s1.BookArea", "S1Analysis.xenon.s1.Baseline", "S1Analysis.main");
        assertThat(code.passages().getFirst().definedSymbols()).containsExactly("S1_BACKEND");

        CodePassage type = named(code, "S1Analysis.xenon.s1.S1Analysis");
        assertThat(type.passage().text()).startsWith("/// Reads peaks from a ROOT tree").contains("    ClassDef(S1Analysis, 1)")
                .endsWith("};");
        assertThat(type.definedSymbols()).containsExactly("S1Analysis", "Width50", "AreaHist", "Dump");

        CodePassage loop = named(code, "S1Analysis.xenon.s1.S1Analysis.Loop");
        assertThat(loop.passage().headings()).containsExactly("S1Analysis", "xenon", "s1", "S1Analysis", "Loop");
        assertThat(loop.passage().text()).startsWith("/* Fills the histograms from every entry;")
                .contains("auto inWindow = [this](double t) {").endsWith("        hArea_->Fill(i);\n    }\n}");
        assertThat(loop.definedSymbols()).containsExactly("Loop", "S1Analysis::Loop");

        assertThat(named(code, "S1Analysis.xenon.s1.Baseline").passage().text())
                .startsWith("// Median of the first samples, used as the baseline.\ntemplate <typename T>\nT Baseline(");
        assertThat(named(code, "S1Analysis.main").passage().text()).contains("#if defined(S1_DEBUG)").endsWith("}");
        assertExactLines(analysis, code.passages());
        assertExactLines(analysis, new CodeChunker(30).chunk("src/S1Analysis.cxx", analysis).passages());
    }

    /** Where the brace reader is wrong and the syntax tree is right. */
    @Test
    void braceInitialisersInSignaturesAndMemberInitialisersKeepTheirFunctionWhole() {
        ChunkedCode code = new CodeChunker(350).chunk("src/S1Analysis.cxx", analysis);

        CodePassage constructor = named(code, "S1Analysis.xenon.s1.S1Analysis.S1Analysis");
        assertThat(constructor.passage().text()).isEqualTo("""
                // Members initialised with braces, over several lines.
                S1Analysis::S1Analysis(TTree* tree, double window)
                    : tree_{tree},
                      window_{window}
                {
                    Init();
                }""");
        CodePassage book = named(code, "S1Analysis.xenon.s1.BookArea");
        assertThat(book.passage().text()).startsWith("// Books an area histogram;").endsWith("binning.hi);\n}");

        // The brace reader, for comparison: the constructor ends at `tree_{tree}`, BookArea is lost.
        List<Definition> byBraces = flatten(BraceDefinitions.read(new CodeLines(analysis), "cpp").definitions());
        assertThat(byBraces).extracting(Definition::name).doesNotContain("BookArea");
        int open = lines(analysis).indexOf("      window_{window}") + 1; // 0-based line of the body's {
        assertThat(byBraces).filteredOn(d -> d.name().equals("S1Analysis::S1Analysis"))
                .allSatisfy(d -> assertThat(d.end()).isLessThan(open));
    }

    @Test
    void rootMacrosWithoutSemicolonsDoNotSendTheFileToTheBraceReader() {
        assertThat(CppSyntaxTree.read(new CodeLines(analysis), 0)).isPresent();
    }

    @Test
    void theHitFinderFixtureReadsAsTheBraceReaderReadsItWithTemplateNamesOnTheirOwnLine() {
        String source = fixture("hitfinder.cpp");
        CodeLines lines = new CodeLines(source);
        List<Definition> byTree = flatten(CppSyntaxTree.read(lines, 0).orElseThrow().definitions());
        List<Definition> byBraces = flatten(BraceDefinitions.read(lines, "cpp").definitions());

        assertThat(byTree).extracting(Definition::name).containsExactlyElementsOf(
                byBraces.stream().map(Definition::name).toList());
        assertThat(byTree).extracting(Definition::start, Definition::end).containsExactlyElementsOf(
                byBraces.stream().map(d -> org.assertj.core.groups.Tuple.tuple(d.start(), d.end())).toList());
        Definition clamp = byTree.stream().filter(d -> d.name().equals("clamp")).findFirst().orElseThrow();
        assertThat(lines.line(clamp.nameLine())).contains("T clamp(");
    }

    @Test
    void cCodeWithTypedefStructsAndMacros() {
        String source = """
                #include <stdio.h>
                #define N_PMT 494

                /* A channel map entry. */
                typedef struct {
                    int pmt;
                    int adc;
                } ChannelMap;

                static const int kBoards = 8;

                int channel_of(const ChannelMap *map, int pmt)
                {
                    return map[pmt].adc;
                }
                """;
        ChunkedCode code = new CodeChunker(350).chunk("daq/channels.c", source);

        assertThat(code.language()).isEqualTo("c");
        assertThat(named(code, "channels.ChannelMap").passage().text()).startsWith("/* A channel map entry. */")
                .endsWith("} ChannelMap;");
        assertThat(named(code, "channels.channel_of").passage().text()).endsWith("    return map[pmt].adc;\n}");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols).contains("N_PMT", "kBoards");
        assertExactLines(source, code.passages());
    }

    @Test
    void structureLostToSyntaxErrorsSendsTheFileToTheBraceReader() {
        String broken = "namespace a {\nint f(int x) {\n    return (x;\n}\n\nint g() { return 1; }\n";
        assertThat(CppSyntaxTree.read(new CodeLines(broken), 0)).isEmpty();

        ChunkedCode code = new CodeChunker(350).chunk("broken.cpp", broken);

        assertThat(code.passages()).extracting(CodePassage::qualifiedName).contains("broken.a.g");
        assertExactLines(broken, code.passages());
    }

    private static List<Definition> flatten(List<Definition> definitions) {
        List<Definition> all = new ArrayList<>();
        for (Definition d : definitions) {
            all.add(d);
            all.addAll(flatten(d.children()));
        }
        return all;
    }
}
