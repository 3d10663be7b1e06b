package org.labrador.ingest.papers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF, page by page, with PDFBox. Text is taken in the order of the page's content
 * stream rather than sorted by position: for the two-column papers LaTeX produces this reads the
 * left column before the right one, where sorting by position would interleave their lines.
 *
 * @param lines    the lines of all pages in order, each with its page
 * @param pages    the number of pages
 * @param metadata the document information's title and author, each possibly empty
 * @param largestOnFirstPage the runs of text in the largest font on page 1, where titles are set
 */
record PdfPages(List<PageLine> lines, int pages, PaperInfo metadata, String largestOnFirstPage) {

    /** Fewer letters than this per page on average, and the PDF is taken for a scan without text. */
    private static final int MIN_LETTERS_PER_PAGE = 20;

    static PdfPages read(byte[] pdf) throws UnreadablePaper {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new UnreadablePaper("PDF has no pages");
            }
            List<PageLine> lines = new ArrayList<>();
            FontSizes firstPage = new FontSizes();
            long letters = 0;
            for (int page = 1; page <= pages; page++) {
                PDFTextStripper stripper = page == 1 ? firstPage : new PDFTextStripper();
                stripper.setSortByPosition(false);
                stripper.setLineSeparator("\n");
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                for (String line : text.split("\n", -1)) {
                    String clean = line.stripTrailing();
                    letters += clean.codePoints().filter(Character::isLetter).count();
                    lines.add(new PageLine(clean, page));
                }
                // The page's text ends with a line break: the empty string after it is not a line.
                if (!lines.isEmpty() && lines.getLast().text().isEmpty() && lines.getLast().page() == page) {
                    lines.removeLast();
                }
            }
            if (letters < (long) MIN_LETTERS_PER_PAGE * pages) {
                throw new UnreadablePaper("no text layer (scanned?): " + letters + " letters on " + pages
                        + " page" + (pages == 1 ? "" : "s"));
            }
            PDDocumentInformation info = document.getDocumentInformation();
            PaperInfo metadata = new PaperInfo(info.getTitle(), info.getAuthor() == null || info.getAuthor().isBlank()
                    ? List.of() : List.of(info.getAuthor().strip()), "", "");
            return new PdfPages(List.copyOf(lines), pages, metadata, firstPage.largest());
        } catch (InvalidPasswordException e) {
            throw new UnreadablePaper("encrypted PDF: needs a password");
        } catch (IOException e) {
            throw new UnreadablePaper("corrupt PDF: " + e.getMessage());
        } catch (RuntimeException e) {
            // PDFBox reports some broken structures as unchecked exceptions; a bad file is skipped, not fatal.
            throw new UnreadablePaper("corrupt PDF: " + e);
        }
    }

    /**
     * A stripper that also notes the font size of each line near the top of the page, where a
     * paper's title is set in the largest type.
     */
    private static final class FontSizes extends PDFTextStripper {

        /** How many lines from the top may hold the title: figure labels further down are often larger. */
        private static final int TOP_LINES = 15;

        private final List<String> lines = new ArrayList<>();
        private final List<Float> sizes = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private float size;

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            for (TextPosition position : positions) {
                size = Math.max(size, position.getFontSizeInPt());
            }
            line.append(text);
            super.writeString(text, positions);
        }

        @Override
        protected void writeWordSeparator() throws IOException {
            line.append(' ');
            super.writeWordSeparator();
        }

        @Override
        protected void writeLineSeparator() throws IOException {
            if (!line.toString().isBlank() && lines.size() < TOP_LINES) {
                lines.add(line.toString().strip());
                sizes.add(size);
            }
            line.setLength(0);
            size = 0;
            super.writeLineSeparator();
        }

        /** The consecutive top lines in the largest font among lines of two words or more. */
        String largest() {
            float max = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (isWords(lines.get(i))) {
                    max = Math.max(max, sizes.get(i));
                }
            }
            StringBuilder title = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                boolean big = max > 0 && Math.abs(sizes.get(i) - max) < 0.5f;
                if (big && (isWords(lines.get(i)) || !title.isEmpty())) {
                    title.append(title.isEmpty() ? "" : " ").append(lines.get(i));
                } else if (!title.isEmpty()) {
                    break;
                }
            }
            return title.toString().replaceAll("\\s+", " ").strip();
        }

        private static boolean isWords(String text) {
            return text.strip().split("\\s+").length >= 2 && text.codePoints().filter(Character::isLetter).count() >= 8;
        }
    }
}
