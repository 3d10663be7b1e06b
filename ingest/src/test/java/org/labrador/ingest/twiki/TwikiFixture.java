package org.labrador.ingest.twiki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The realistic {@code data/} tree of test resources ({@code twiki/data}): an ATLAS-like web with a
 * subweb, a users' web, the wiki's own webs, machinery topics, RCS histories, a lease, a change log
 * and a broken ISO-8859-1 topic. Copied to a scratch folder, for tests that add or change files.
 */
public final class TwikiFixture {

    private TwikiFixture() {
    }

    public static Path data() {
        try {
            return Path.of(TwikiFixture.class.getResource("/twiki/data").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path copyTo(Path target) {
        Path source = data();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
