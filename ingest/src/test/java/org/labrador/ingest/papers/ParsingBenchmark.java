package org.labrador.ingest.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.wiki.DokuWikiPages;
import org.labrador.ingest.wiki.MediaWikiExport;
import org.labrador.ingest.wiki.SharedCorpora;

/**
 * Parsing throughput on the shared corpora: PDF pages and wiki pages read and cut into passages per
 * second, without embedding. Prints a table; run with {@code ./mvnw -Pbench verify}.
 */
@Tag("benchmark")
class ParsingBenchmark {

    private static final int WARMUP_ROUNDS = 2;
    private static final int ROUNDS = 5;
    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    @Test
    void printsPagesPerSecond() throws IOException {
        Path papers = SharedCorpora.require("papers");
        Path enwiki = SharedCorpora.require("wiki/mediawiki/enwiki-minidump.xml");
        Path dokuwiki = SharedCorpora.require("wiki/dokuwiki/pages");

        Result pdf = measure(new PaperFolder("papers", papers, Long.MAX_VALUE, CHUNKER), true);
        Result mediawiki = measure(new MediaWikiExport("enwiki", enwiki, Long.MAX_VALUE, CHUNKER), false);
        Result doku = measure(new DokuWikiPages("dokuwiki", dokuwiki, Long.MAX_VALUE, CHUNKER), false);

        System.out.println();
        System.out.println("| corpus                     | documents | pages | passages | seconds | pages/s |");
        System.out.println("|----------------------------|-----------|-------|----------|---------|---------|");
        print("PDF papers (PDFBox)", pdf);
        print("MediaWiki export (enwiki)", mediawiki);
        print("DokuWiki pages", doku);
        System.out.println("(" + ROUNDS + " rounds after " + WARMUP_ROUNDS + " warm-up; list() + read() of every document,"
                + " one thread; wiki pages count one page per document)");
        assertThat(pdf.pages()).isPositive();
    }

    private record Result(int documents, long pages, long passages, double seconds) {
    }

    private static Result measure(DocumentSource source, boolean paged) throws IOException {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            readAll(source, paged);
        }
        long start = System.nanoTime();
        Result last = null;
        for (int i = 0; i < ROUNDS; i++) {
            last = readAll(source, paged);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / ROUNDS;
        return new Result(last.documents(), last.pages(), last.passages(), seconds);
    }

    private static Result readAll(DocumentSource source, boolean paged) throws IOException {
        List<String> paths = source.list();
        long pages = 0;
        long passages = 0;
        for (String path : paths) {
            SourceFile file = source.read(path);
            if (file.isSkipped()) {
                continue;
            }
            passages += file.document().passages().size();
            pages += paged ? file.document().passages().stream().mapToInt(p -> p.endPage()).max().orElse(0) : 1;
        }
        return new Result(paths.size(), pages, passages, 0);
    }

    private static void print(String name, Result r) {
        System.out.println(String.format(Locale.ROOT, "| %-26s | %9d | %5d | %8d | %7.3f | %7.1f |", name, r.documents(),
                r.pages(), r.passages(), r.seconds(), r.pages() / r.seconds()));
    }
}
