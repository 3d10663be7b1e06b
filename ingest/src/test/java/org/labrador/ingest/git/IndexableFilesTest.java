package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexableFilesTest {

    private final IndexableFiles rules = new IndexableFiles(List.of("docs/legacy/**", "*.log", "scratch/",
            "!scratch/keep.py"), 100);

    @Test
    void indexesCodeDocsNotebooksConfigAndWellKnownNames() {
        for (String path : List.of("a.py", "src/b.cxx", "inc/c.hh", "d.md", "e.rst", "f.ipynb", "g.toml", "h.cfg",
                "Makefile", "sub/CMakeLists.txt", "Dockerfile", "macros/Fit.C")) {
            assertThat(rules.skipFile(path, 10, false)).as(path).isEmpty();
        }
    }

    @Test
    void classifiesWhatItSkips() {
        assertThat(rules.skipFile("x/run.log", 10, false)).get().extracting(Exclusion::kind)
                .isEqualTo(SkipKind.EXCLUDED_BY_PATTERN);
        assertThat(rules.skipFile("docs/legacy/a/b.md", 10, false)).get().extracting(Exclusion::kind)
                .isEqualTo(SkipKind.EXCLUDED_BY_PATTERN);
        assertThat(rules.skipFile("docs/current.md", 10, false)).isEmpty();
        assertThat(rules.skipFile("gen.py", 10, true)).get().extracting(Exclusion::kind)
                .isEqualTo(SkipKind.VENDORED_OR_GENERATED);
        assertThat(rules.skipFile("hist.root", 10, false)).get().extracting(Exclusion::reason)
                .isEqualTo("binary file type (.root)");
        assertThat(rules.skipFile("LICENSE", 10, false)).get().extracting(Exclusion::reason)
                .isEqualTo("file type not indexed (no extension)");
        assertThat(rules.skipFile("a.py", 101, false)).get().extracting(Exclusion::kind)
                .isEqualTo(SkipKind.OVERSIZED);
    }

    @Test
    void skipsVendoredAndExcludedFoldersWhole() {
        assertThat(rules.skipFolder("web/node_modules")).get().extracting(Exclusion::path)
                .isEqualTo("web/node_modules/");
        assertThat(rules.skipFolder("pkg/__pycache__")).isPresent();
        assertThat(rules.skipFolder("scratch")).get().extracting(Exclusion::kind)
                .isEqualTo(SkipKind.EXCLUDED_BY_PATTERN);
        assertThat(rules.skipFolder("src")).isEmpty();
    }
}
