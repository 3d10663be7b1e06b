package org.labrador.ingest.papers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.FolderSource;
import org.labrador.ingest.sync.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of kind {@code papers}: a folder of papers, read recursively — PDFs, LaTeX sources and
 * BibTeX files. Hidden files and folders, and links leading out of the folder, are not read
 * ({@link FolderFiles}).
 *
 * <p>Documents are PDFs ({@code .pdf}) and LaTeX main files (a {@code .tex} holding
 * {@code \documentclass}, alone or as the main file of an arXiv source folder); their path is the
 * file's path in the folder. Where a paper is there twice, its LaTeX source wins over its PDF, for
 * equations come out of the source as LaTeX and out of the PDF as garbled symbols: {@code x.pdf} is
 * left out when {@code x.tex} is next to it, or a folder {@code x/} next to it holds a LaTeX main
 * file. BibTeX files are not documents: an entry whose {@code file} field names a PDF of the
 * folder gives that PDF its title.
 *
 * <p>PDF passages carry the pages they come from ({@link org.labrador.ingest.chunking.Passage#startPage()})
 * and never span two sections; the reference list forms passages of its own under "References".
 * A corrupt, encrypted or scanned (text-less) PDF is read as skipped with the reason. The content
 * that tells whether a paper changed is the SHA-256 of the PDF's bytes, or of the expanded LaTeX.
 */
public final class PaperFolder extends FolderSource {

    private static final Logger log = LoggerFactory.getLogger(PaperFolder.class);

    private final DocumentChunker chunker;
    private volatile int preferredSources;

    /**
     * @param name         the source's name
     * @param root         the folder of papers
     * @param maxFileBytes files larger than this are skipped
     * @param chunker      cuts papers into passages (within each section)
     */
    public PaperFolder(String name, Path root, long maxFileBytes, DocumentChunker chunker) {
        super(name, root, maxFileBytes);
        this.chunker = chunker;
    }

    @Override
    protected String folderDescription() {
        return "papers folder";
    }

    /** PDFs and LaTeX files; {@link #list()} keeps the LaTeX main files only, and a PDF only without its source. */
    @Override
    protected boolean isDocumentFile(String relativeFile) {
        return lower(relativeFile).endsWith(".pdf") || lower(relativeFile).endsWith(".tex");
    }

    @Override
    public synchronized List<String> list() throws IOException {
        List<String> files = files();
        Set<String> latexMains = new TreeSet<>();
        for (String rel : files) {
            if (lower(rel).endsWith(".tex") && isLatexMain(resolve(rel))) {
                latexMains.add(rel);
            }
        }
        Set<String> documents = new TreeSet<>(latexMains);
        int preferred = 0;
        for (String rel : files) {
            if (lower(rel).endsWith(".pdf")) {
                if (hasLatexSource(rel, latexMains)) {
                    preferred++;
                } else {
                    documents.add(rel);
                }
            }
        }
        preferredSources = preferred;
        return List.copyOf(documents);
    }

    @Override
    public String exclusionSummary() {
        return preferredSources == 0 ? ""
                : preferredSources + " PDF" + (preferredSources == 1 ? "" : "s") + " read from LaTeX source instead";
    }

    @Override
    protected SourceFile read(String path, Path file) {
        try {
            String modified = Files.getLastModifiedTime(file).toInstant().toString();
            if (lower(path).endsWith(".tex")) {
                LatexPaper paper = LatexPaper.read(FolderFiles.realRoot(root()), file, chunker);
                return SourceFile.chunked(path, sha256(paper.source().getBytes(StandardCharsets.UTF_8)),
                        paper.document(), modified);
            }
            byte[] bytes = Files.readAllBytes(file);
            PdfPaper paper = PdfPaper.read(path, bytes, chunker);
            ChunkedDocument document = paper.document();
            BibtexFile.Entry entry = bibtexEntries().get(file);
            if (entry != null && !entry.title().isEmpty()) {
                document = new ChunkedDocument(entry.title(), document.passages());
            }
            return SourceFile.chunked(path, sha256(bytes), document, modified);
        } catch (UnreadablePaper e) {
            return SourceFile.skipped(path, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return SourceFile.skipped(path, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // Never let one paper stop a sync; the log keeps the stack for a bug report.
            log.warn("Could not read paper {}", path, e);
            return SourceFile.skipped(path, "cannot read: " + e);
        }
    }

    /** What a PDF says of itself (title, authors, arXiv identifier, abstract), BibTeX first. */
    public PaperInfo info(String path) throws IOException {
        Path file = resolve(path);
        try {
            if (lower(path).endsWith(".tex")) {
                return LatexPaper.read(FolderFiles.realRoot(root()), file, chunker).info();
            }
            PaperInfo info = PdfPaper.read(path, Files.readAllBytes(file), chunker).info();
            BibtexFile.Entry entry = bibtexEntries().get(file);
            return entry == null ? info : new PaperInfo(entry.title().isEmpty() ? info.title() : entry.title(),
                    entry.authors().isEmpty() ? info.authors() : entry.authors(), info.arxivId(), info.abstractText());
        } catch (UnreadablePaper e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Resolves a path of the folder, refusing paths that leave it (also through a link) and hidden files.
     * {@link #resolveDocument} is stricter: for a paper that can be opened.
     */
    public Path resolve(String path) {
        return anyFile(path);
    }

    /** Resolves the path of a paper (a PDF or LaTeX file), refusing any other file. */
    public Path resolveDocument(String path) {
        return documentFile(path);
    }

    private boolean hasLatexSource(String pdf, Set<String> latexMains) {
        String base = pdf.substring(0, pdf.length() - ".pdf".length());
        if (latexMains.contains(base + ".tex")) {
            return true;
        }
        String folder = base + "/";
        return latexMains.stream().anyMatch(main -> main.startsWith(folder));
    }

    private static boolean isLatexMain(Path file) {
        try {
            byte[] head = new byte[(int) Math.min(Files.size(file), 64 * 1024)];
            try (var in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, head.length);
                return LatexPaper.isMainFile(new String(head, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Every BibTeX entry of the folder that names a PDF, by the PDF's absolute path. */
    private Map<Path, BibtexFile.Entry> bibtexEntries() throws IOException {
        Map<Path, BibtexFile.Entry> entries = new HashMap<>();
        List<Path> bibs = new ArrayList<>();
        for (String rel : files()) {
            if (lower(rel).endsWith(".bib")) {
                bibs.add(resolve(rel));
            }
        }
        for (Path bib : bibs) {
            try {
                entries.putAll(BibtexFile.byPdf(Files.readString(bib, StandardCharsets.UTF_8), bib.getParent()));
            } catch (IOException e) {
                log.warn("Cannot read BibTeX file {}: {}", bib, e.getMessage());
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String lower(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
