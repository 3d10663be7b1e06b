package org.labrador.ingest.papers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;

/**
 * A PDF paper cut into passages with their pages.
 *
 * <p>The text is PDFBox's, page by page ({@link PdfPages}), tidied without moving lines
 * ({@link PaperLines}); passage line numbers are 1-based lines of that text, all pages in a row.
 * Each section ({@link PaperSections}) is cut on its own, so a passage never spans two sections;
 * its pages are those of its first and last lines. The reference list is kept, as passages of its
 * own under the heading "References": never mixed into body passages, and still there to answer
 * "which paper did we cite for this?".
 *
 * @param info     title, authors, arXiv identifier and abstract
 * @param document the passages, titled with the paper's title
 */
record PdfPaper(PaperInfo info, ChunkedDocument document) {

    private static final Pattern ARXIV = Pattern.compile(
            "(?i)arxiv(?:\\s*e-?print)?\\s*:?\\s*(\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[a-z]{2})?/\\d{7})(v\\d+)?");
    private static final Pattern SUPERSCRIPTS = Pattern.compile("[\\d∗*†‡§¶]+(?=[\\s,]|$)|[∗*†‡§¶]");

    static PdfPaper read(String path, byte[] pdf, DocumentChunker chunker) throws UnreadablePaper {
        PdfPages pages = PdfPages.read(pdf);
        List<PageLine> lines = PaperLines.tidy(pages.lines(), pages.pages());
        List<PaperSections.Section> sections = PaperSections.find(lines);
        List<Passage> passages = new ArrayList<>();
        String abstractText = "";
        for (PaperSections.Section section : sections) {
            StringBuilder text = new StringBuilder();
            for (int i = section.from(); i <= section.to(); i++) {
                text.append(lines.get(i).text()).append('\n');
            }
            if (section.headings().equals(List.of("Abstract"))) {
                abstractText = text.toString().replaceFirst("^(?i:abstract)\\s*[.:—–-]?\\s*", "").strip()
                        .replaceAll("\\s+", " ");
            }
            for (Passage p : chunker.chunk("section.txt", text.toString()).passages()) {
                int from = section.from() + p.startLine() - 1;
                int to = section.from() + p.endLine() - 1;
                passages.add(new Passage(section.headings(), from + 1, to + 1, p.text(),
                        lines.get(from).page(), lines.get(to).page()));
            }
        }
        String title = title(pages, lines, fileTitle(path));
        PaperInfo info = new PaperInfo(title, authors(pages, lines, title), arxivId(pages), abstractText);
        return new PdfPaper(info, new ChunkedDocument(title, passages));
    }

    /**
     * The metadata title when the top of page 1 shows it too (publishers stamp other things there,
     * "Downloaded 20 Sep 2011 to …"), else the largest type at the top of page 1, else the metadata
     * title, else the file name.
     */
    private static String title(PdfPages pages, List<PageLine> lines, String fallback) {
        String meta = pages.metadata().title().strip();
        String lower = meta.toLowerCase(Locale.ROOT);
        boolean usable = meta.length() >= 8 && meta.contains(" ") && !lower.startsWith("microsoft word")
                && !lower.matches(".*\\.(dvi|pdf|tex|docx?)$") && !lower.equals("untitled");
        if (usable && letters(top(lines)).contains(prefix(letters(meta), 24))) {
            return meta;
        }
        if (!pages.largestOnFirstPage().isEmpty()) {
            return pages.largestOnFirstPage();
        }
        return usable ? meta : fallback;
    }

    private static String top(List<PageLine> lines) {
        StringBuilder top = new StringBuilder();
        int count = 0;
        for (PageLine line : lines) {
            if (line.page() > 1 || count >= 20) {
                break;
            }
            if (!line.text().isBlank()) {
                top.append(line.text()).append(' ');
                count++;
            }
        }
        return top.toString();
    }

    private static String letters(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
    }

    private static String prefix(String text, int length) {
        return text.substring(0, Math.min(length, text.length()));
    }

    /** The metadata's authors, else the line under the title on page 1 when it reads like names. */
    private static List<String> authors(PdfPages pages, List<PageLine> lines, String title) {
        if (!pages.metadata().authors().isEmpty()) {
            return splitNames(pages.metadata().authors().getFirst());
        }
        String titleEnd = title.length() > 12 ? title.substring(title.length() - 12) : title;
        for (int i = 0; i < lines.size() - 1 && lines.get(i).page() == 1; i++) {
            if (!titleEnd.isEmpty() && lines.get(i).text().strip().endsWith(titleEnd.strip())) {
                String candidate = SUPERSCRIPTS.matcher(lines.get(i + 1).text()).replaceAll("").strip();
                boolean names = candidate.length() < 200 && !candidate.matches(".*\\d.*")
                        && candidate.matches("\\p{Lu}.*") && candidate.split("\\s+").length >= 2;
                return names ? splitNames(candidate) : List.of();
            }
        }
        return List.of();
    }

    private static List<String> splitNames(String names) {
        List<String> out = new ArrayList<>();
        for (String name : names.split("\\s*(?:,|;|\\band\\b|&)\\s*")) {
            if (name.codePoints().filter(Character::isLetter).count() >= 2 && name.contains(" ")) {
                out.add(name.strip());
            }
        }
        return out;
    }

    /** The arXiv identifier printed on page 1 (stamp, footer, "ArXiv ePrint:") or in the title metadata. */
    private static String arxivId(PdfPages pages) {
        StringBuilder firstPage = new StringBuilder(pages.metadata().title()).append('\n');
        for (PageLine line : pages.lines()) {
            if (line.page() > 1) {
                break;
            }
            firstPage.append(line.text()).append('\n');
        }
        Matcher m = ARXIV.matcher(firstPage);
        if (m.find()) {
            return m.group(1);
        }
        // arXiv's rotated margin stamp often comes out letter-spaced: "ar X iv :0 90 8. 00 54 v1".
        Matcher spaced = ARXIV.matcher(firstPage.toString().replaceAll("\\s+", ""));
        return spaced.find() ? spaced.group(1) : "";
    }

    private static String fileTitle(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
