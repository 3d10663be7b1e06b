package org.labrador.ingest.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.wiki.SharedCorpora;

/** PDFs that cannot be indexed are skipped with a reason a person can act on, never thrown. */
class BrokenPdfTest {

    @TempDir
    Path folder;

    private SourceFile read(String name) throws IOException {
        PaperFolder papers = new PaperFolder("p", folder, 50_000_000, new DocumentChunker(350, 40));
        assertThat(papers.list()).contains(name);
        return papers.read(name);
    }

    @Test
    void passwordProtectedPdfNeedsAPassword() throws IOException {
        try (PDDocument doc = TestPdfs.withText("Secret calibration constants.")) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(folder.resolve("secret.pdf").toFile());
        }

        SourceFile file = read("secret.pdf");

        assertThat(file.skipReason()).isEqualTo("encrypted PDF: needs a password");
    }

    @Test
    void imageOnlyPdfHasNoTextLayer() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            BufferedImage scan = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(LosslessFactory.createFromImage(doc, scan), 50, 500);
            }
            doc.save(folder.resolve("scan.pdf").toFile());
        }

        SourceFile file = read("scan.pdf");

        assertThat(file.skipReason()).startsWith("no text layer (scanned?)");
    }

    @Test
    void filesThatAreNotPdfsAreCorrupt() throws IOException {
        Files.writeString(folder.resolve("notes.pdf"), "these are plain notes, not a PDF");

        SourceFile file = read("notes.pdf");

        assertThat(file.skipReason()).startsWith("corrupt PDF:");
    }

    @Test
    void aTruncatedRealPaperIsCorrupt() throws IOException {
        byte[] real = Files.readAllBytes(SharedCorpora.require("papers/0807.3577.pdf"));
        Files.write(folder.resolve("cut.pdf"), Arrays.copyOf(real, real.length / 3));

        SourceFile file = read("cut.pdf");

        // PDFBox rebuilds what it can of a cut file; a third of this one leaves no page tree.
        assertThat(file.skipReason()).startsWith("corrupt PDF:");
    }

    /** Small PDFs written with PDFBox for tests. */
    static final class TestPdfs {

        private TestPdfs() {
        }

        static PDDocument withText(String... lines) throws IOException {
            PDDocument doc = new PDDocument();
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.setLeading(14);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            return doc;
        }
    }
}
