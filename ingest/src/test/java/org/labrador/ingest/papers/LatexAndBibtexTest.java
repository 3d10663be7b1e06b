package org.labrador.ingest.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.wiki.SharedCorpora;

class LatexAndBibtexTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    @TempDir
    Path folder;

    private void writeArxivSource(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sections"));
        Files.writeString(dir.resolve("main.tex"), """
                \\documentclass[aps,prd]{revtex4}
                \\usepackage{amsmath} % maths
                \\begin{document}
                \\title{Drift velocity in argon--ethane}
                \\author{A. Lovelace and C. Babbage}
                \\maketitle
                \\begin{abstract}
                We measure the drift velocity of electrons.
                \\end{abstract}
                \\input{sections/intro}
                \\section{Method}\\label{sec:method}
                The drift time is converted with
                \\begin{equation}
                  t = t_0 + \\frac{d}{v_d} ,
                  \\label{eq:drift}
                \\end{equation}
                where $v_d$ is the \\emph{drift velocity}. % TODO: cite the TDR
                \\subsection{Calibration}
                Runs are calibrated nightly~\\cite{tdr2024}.
                \\end{document}
                """);
        Files.writeString(dir.resolve("sections/intro.tex"), """
                \\section{Introduction}
                Drift chambers measure 100\\% of the tracks.
                """);
    }

    @Test
    void latexSourceIsReadWithSectionsAndWholeEquations() throws IOException {
        writeArxivSource(folder.resolve("drift"));
        PaperFolder papers = new PaperFolder("p", folder, 1_000_000, CHUNKER);

        assertThat(papers.list()).containsExactly("drift/main.tex");
        SourceFile paper = papers.read("drift/main.tex");

        assertThat(paper.document().title()).isEqualTo("Drift velocity in argon--ethane");
        assertThat(papers.info("drift/main.tex").authors()).containsExactly("A. Lovelace", "C. Babbage");
        List<Passage> passages = paper.document().passages();
        assertThat(passages).extracting(Passage::headings).contains(List.of("Abstract"), List.of("Introduction"),
                List.of("Method"), List.of("Method", "Calibration"));
        Passage method = passages.stream().filter(p -> p.headings().equals(List.of("Method"))).findFirst().orElseThrow();
        assertThat(method.text()).contains("\\begin{equation}\n  t = t_0 + \\frac{d}{v_d} ,".strip().replace("\n  ", "\n"))
                .contains("\\end{equation}").contains("where $v_d$ is the drift velocity.")
                .doesNotContain("TODO", "\\emph");
        String all = String.join("\n", passages.stream().map(Passage::text).toList());
        assertThat(all).contains("Drift chambers measure 100\\% of the tracks.", "calibrated nightly [tdr2024]")
                .doesNotContain("usepackage", "maths");
    }

    @Test
    void aLongEquationIsNeverSplitAcrossPassages() throws IOException {
        StringBuilder tex = new StringBuilder("\\documentclass{article}\n\\begin{document}\n\\section{Fit}\n");
        for (int i = 0; i < 40; i++) {
            tex.append("The fit uses the likelihood of all channels of the detector in run ").append(i).append(".\n");
        }
        tex.append("\\begin{align}\n");
        for (int i = 0; i < 30; i++) {
            tex.append("  L_{").append(i).append("} &= \\prod_{k} P(n_k | \\mu_k s_k + b_k) \\\\\n");
        }
        tex.append("\\end{align}\n\\end{document}\n");
        Files.writeString(folder.resolve("fit.tex"), tex);
        SourceFile paper = new PaperFolder("p", folder, 1_000_000, CHUNKER).read("fit.tex");

        List<Passage> withAlign = paper.document().passages().stream()
                .filter(p -> p.text().contains("\\begin{align}") || p.text().contains("\\end{align}")).toList();
        assertThat(withAlign).anyMatch(p -> p.text().contains("\\begin{align}") && p.text().contains("\\end{align}"));
    }

    @Test
    void latexSourceWinsOverThePdfOfTheSamePaper() throws IOException {
        writeArxivSource(folder.resolve("drift"));
        try (PDDocument pdf = BrokenPdfTest.TestPdfs.withText("Drift velocity in argon-ethane", "We measure the drift velocity.")) {
            pdf.save(folder.resolve("drift.pdf").toFile());
            pdf.save(folder.resolve("other.pdf").toFile());
        }
        PaperFolder papers = new PaperFolder("p", folder, 1_000_000, CHUNKER);

        assertThat(papers.list()).containsExactly("drift/main.tex", "other.pdf");
        assertThat(papers.exclusionSummary()).isEqualTo("1 PDF read from LaTeX source instead");
    }

    @Test
    void bibtexGivesThePdfItsTitleAndAuthors() throws IOException {
        Files.copy(SharedCorpora.require("papers/1001._0908.0054.pdf"), folder.resolve("ulbdm.pdf"));
        Files.writeString(folder.resolve("library.bib"), """
                @article{Rodriguez2009,
                  author = {Rodr{\\'\\i}guez-Montoya, Iv{\\'a}n and Matos, Tonatiuh},
                  title = {{Ultra light bosonic dark matter and the CMB}},
                  year = 2009,
                  file = {:ulbdm.pdf:PDF}
                }
                """);
        PaperFolder papers = new PaperFolder("p", folder, 50_000_000, CHUNKER);

        assertThat(papers.list()).containsExactly("ulbdm.pdf");
        assertThat(papers.read("ulbdm.pdf").document().title()).isEqualTo("Ultra light bosonic dark matter and the CMB");
        PaperInfo info = papers.info("ulbdm.pdf");
        assertThat(info.authors()).containsExactly("Ivan Rodriguez-Montoya", "Tonatiuh Matos");
        assertThat(info.arxivId()).isEqualTo("0908.0054");
    }
}
