package org.labrador.ingest.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labrador.ingest.code.CodeFixtures.assertExactLines;
import static org.labrador.ingest.code.CodeFixtures.fixture;
import static org.labrador.ingest.code.CodeFixtures.named;

import org.junit.jupiter.api.Test;

/** YAML, TOML, INI and JSON: cut at keys and sections, small neighbours packed together. */
class ConfigChunkingTest {

    @Test
    void yamlSmallFilesStayWholeAndDefineTheirKeys() {
        String source = fixture("reco.yaml");
        ChunkedCode code = new CodeChunker(350).chunk("config/reco.yaml", source);

        assertThat(code.language()).isEqualTo("yaml");
        assertThat(code.passages()).hasSize(1);
        assertThat(code.passages().getFirst().definedSymbols())
                .contains("run", "number", "thresholds", "s1_area_min", "description", "output")
                .doesNotContain("and", "A block scalar with a colon");
        assertExactLines(source, code.passages());
    }

    @Test
    void yamlIsCutAtTopLevelKeysWithTheirCommentsAndHeadingPaths() {
        String source = fixture("reco.yaml");
        ChunkedCode code = new CodeChunker(12).chunk("config/reco.yaml", source);

        CodePassage thresholds = named(code, "reco.thresholds");
        assertThat(thresholds.passage().headings()).containsExactly("reco", "thresholds");
        assertThat(thresholds.passage().text()).startsWith("# Thresholds per channel type\nthresholds:")
                .endsWith("    - bottom");
        assertThat(code.passages()).anySatisfy(p -> assertThat(p.passage().text())
                .startsWith("description: |").contains("and: more lines"));
        assertExactLines(source, code.passages());
    }

    @Test
    void tomlSectionsAndIniSections() {
        String toml = """
                # Project
                name = "labrador-analysis"

                [tool.ruff]
                line-length = 100
                select = [
                  "E",
                  "F",
                ]

                [tool.pytest.ini_options]
                addopts = \"\"\"
                -ra
                [not.a.section]
                \"\"\"
                """;
        ChunkedCode code = new CodeChunker(5).chunk("pyproject.toml", toml);
        CodePassage ruff = named(code, "pyproject.tool.ruff");
        assertThat(ruff.passage().headings()).containsExactly("pyproject", "tool", "ruff");
        assertThat(ruff.passage().text()).startsWith("[tool.ruff]").endsWith("]");
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols)
                .contains("name", "tool.ruff", "line-length", "tool.pytest.ini_options").doesNotContain("not.a.section");
        assertExactLines(toml, code.passages());

        String ini = "; detector settings\n[daq]\nrate = 100\n; comment\nmode: trigger\n\n[hv]\ncathode = -2.75\n";
        ChunkedCode setup = new CodeChunker(8).chunk("setup.cfg", ini);
        assertThat(setup.language()).isEqualTo("ini");
        assertThat(named(setup, "setup.hv").passage().text()).isEqualTo("[hv]\ncathode = -2.75");
        assertThat(setup.passages()).flatExtracting(CodePassage::definedSymbols).contains("daq", "rate", "mode", "hv", "cathode");
        assertExactLines(ini, setup.passages());
    }

    @Test
    void jsonMembersWithTheirLines() {
        String json = "{\n  \"run\": {\n    \"number\": 1,\n    \"mode\": \"tpc\"\n  },\n  \"channels\": [1, 2, 3],\n  \"gain\": 2.5\n}\n";
        ChunkedCode code = new CodeChunker(25).chunk("run.json", json);

        CodePassage run = named(code, "run.run");
        assertThat(run.passage().startLine()).isEqualTo(2);
        assertThat(run.passage().endLine()).isEqualTo(5);
        assertThat(code.passages()).flatExtracting(CodePassage::definedSymbols).contains("run", "number", "channels", "gain");
        assertExactLines(json, code.passages());
    }
}
