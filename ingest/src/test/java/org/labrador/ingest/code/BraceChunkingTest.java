package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.lines;
import static org.labrador.ingest.code.CodeFixtures.named;

import org.junit.jupiter.api.Test;

/** C++, Java, Go, TypeScript and shell through the shared brace scanner. */
class BraceChunkingTest {

    @Test
    void cppNamespacesClassesAndOutOfLineMethods() {
        String source = fixture("hitfinder.cpp");
        ChunkedCode code = new CodeChunker(60).chunk("src/reco/hitfinder.cpp", source);

        assertThat(code.language()).isEqualTo("cpp");
        CodePassage bar = named(code, "hitfinder.strax.HitFinder.bar");
        assertThat(bar.passage().headings()).containsExactly("hitfinder", "strax", "HitFinder", "bar");
        assertThat(bar.passage().text()).startsWith("// Out-of-line definition.\ndouble HitFinder::bar(")
                .endsWith("    return sum;\n}");
        assertThat(bar.definedSymbols()).contains("bar", "HitFinder::bar");

        CodePassage count = named(code, "hitfinder.strax.HitFinder.count");
        assertThat(count.passage().text()).startsWith("    // Inline method, defined in the class body.\n    int count() const {")
                .contains("\"}}} not real {{\"").endsWith("    }");
        assertThat(named(code, "hitfinder.strax.HitFinder.clamp").passage().text()).startsWith("    template <typename T>");
        assertThat(named(code, "hitfinder.strax.baseline").passage().text()).startsWith("template <typename T>\nT baseline(");
        assertThat(named(code, "hitfinder.strax.Hit").passage().text()).startsWith("/* A hit:").endsWith("};");
        assertThat(named(code, "hitfinder.main").passage().text()).contains("R\"(raw { string )\"");
        assertExactLines(source, code.passages());
    }

    @Test
    void cppDeclarationsAreNotDefinitionsButMacrosAndConstantsAre() {
        String source = fixture("hitfinder.cpp");
        ChunkedCode code = new CodeChunker(350).chunk("hitfinder.cpp", source);

        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols)
                .contains("HIT_THRESHOLD_ADC", "SQUARE", "MULTI_LINE_MACRO", "kSampleNs", "kMaxChannels", "HitFinder",
                        "count", "clamp", "bar", "baseline", "main");
        CodePassage hitFinder = named(code, "hitfinder.strax.HitFinder");
        int classLine = lines(source).indexOf("class HitFinder : public Base {") + 1;
        assertThat(hitFinder.passage().startLine()).isEqualTo(classLine - 1); // the /// comment above
        assertThat(hitFinder.definedSymbols()).doesNotContain("bar"); // only declared in the class
        assertExactLines(source, code.passages());
    }

    @Test
    void javaClassesMethodsRecordsAndConstants() {
        String source = fixture("EventSelection.java");
        ChunkedCode code = new CodeChunker(60).chunk("src/main/java/org/example/analysis/EventSelection.java", source);

        CodePassage accept = named(code, "EventSelection.EventSelection.accept");
        assertThat(accept.passage().text()).startsWith("    /** Whether the event is inside the fiducial volume. */\n    @Override\n")
                .contains("public void run()");
        assertThat(accept.definedSymbols()).containsExactly("accept"); // the anonymous class is part of it
        assertThat(named(code, "EventSelection.EventSelection").definedSymbols())
                .contains("EventSelection", "MAX_RADIUS_CM", "LABEL");
        assertThat(named(code, "EventSelection.EventSelection.Event").passage().text()).contains("record Event");
        assertThat(named(code, "EventSelection.EventSelection.sorted").passage().text()).contains("List<T> sorted(");
        assertExactLines(source, code.passages());
    }

    @Test
    void goFunctionsMethodsTypesAndConstants() {
        String source = fixture("drift.go");
        ChunkedCode code = new CodeChunker(350).chunk("drift/drift.go", source);

        assertThat(named(code, "drift.DriftTime").passage().text()).startsWith("// DriftTime returns").endsWith("}");
        CodePassage describe = named(code, "drift.Field.Describe");
        assertThat(describe.passage().headings()).containsExactly("drift", "Field", "Describe");
        assertThat(describe.passage().text()).contains("`raw { string %s`");
        assertThat(named(code, "drift.Field").definedSymbols()).containsExactly("Field");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols)
                .contains("DriftVelocity", "GateKV", "CathodeKV", "Microseconds");
        assertExactLines(source, code.passages());
    }

    @Test
    void typescriptFunctionsArrowFunctionsAndClassMembers() {
        String source = fixture("plot.ts");
        ChunkedCode whole = new CodeChunker(350).chunk("web/plot.ts", source);
        assertThat(named(whole, "plot.fillHistogram").passage().text())
                .startsWith("/** Fills a histogram from energies. */\nexport function").endsWith("  return h;\n}");
        assertThat(named(whole, "plot.normalise").passage().text()).startsWith("export const normalise").endsWith("};");
        assertThat(named(whole, "plot").definedSymbols()).containsExactly("MAX_BINS", "pattern");

        ChunkedCode code = new CodeChunker(30).chunk("web/plot.ts", source);
        assertThat(named(code, "plot.SpectrumPlot.render").passage().headings()).containsExactly("plot", "SpectrumPlot", "render");
        assertThat(named(code, "plot.SpectrumPlot.onClick").passage().text()).contains("console.log(event)");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols).contains("MAX_BINS", "constructor");
        assertExactLines(source, code.passages());
    }

    @Test
    void shellFunctionsInBothSpellingsAndExportedVariables() {
        String source = fixture("run_reco.sh");
        ChunkedCode code = new CodeChunker(350).chunk("scripts/run_reco.sh", source);

        assertThat(code.language()).isEqualTo("shell");
        assertThat(named(code, "run_reco.process_run").passage().text())
                .startsWith("# Processes one run.").contains("config { for run $run").endsWith("}");
        assertThat(named(code, "run_reco.cleanup").passage().text()).startsWith("function cleanup {").endsWith("}");
        assertThat(code.passages().getFirst().definedSymbols()).containsExactly("OUTPUT_DIR", "N_THREADS");
        assertThat(code.passages().getLast().passage().text()).startsWith("for run in \"$@\"; do").endsWith("cleanup");
        assertExactLines(source, code.passages());
    }
}
