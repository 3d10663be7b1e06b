package org.labrador.ingest.twiki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.chunking.Passage;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.FolderFiles;
import org.labrador.ingest.sync.SourceFile;

/**
 * A source of kind {@code twiki} read from the wiki's {@code data/} folder: {@code Web/Topic.txt}
 * is topic {@code Web.Topic}, with document path {@code Web/Topic} ({@code Web/SubWeb/Topic} in a
 * subweb). What is not a topic's latest text is not read: RCS histories ({@code ,v}), Foswiki's
 * history folders ({@code ,pfv}), leases, locks and change logs ({@code .lease}, {@code .lock},
 * {@code .changes}, {@code .mailnotify}), hidden files. Attachments live in {@code pub/} and are
 * not read either.
 *
 * <p>The wiki's own webs ({@link TwikiSettings#SYSTEM_WEBS}, and every web whose name starts with
 * {@code _}) are left out unless {@code webs} names them, and so are the wiki's machinery topics
 * ({@code WebPreferences}, {@code WebChanges}, {@code WebSearch}…: every {@code Web*} topic but
 * {@code WebHome}), which hold settings and searches rather than knowledge. A topic that is not
 * valid UTF-8 is read as ISO-8859-1, TWiki's default site character set.
 */
public final class TwikiDataFolder implements DocumentSource {

    private final TwikiSettings settings;
    private final Path root;
    private final DocumentChunker chunker;
    private volatile int machineryTopics;

    public TwikiDataFolder(TwikiSettings settings, DocumentChunker chunker) {
        if (settings.path() == null) {
            throw new IllegalArgumentException("twiki source '" + settings.name() + "' has no path");
        }
        this.settings = settings;
        this.root = settings.path().toAbsolutePath().normalize();
        this.chunker = chunker;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** A topic is its TML, read from the data folder on this server. */
    @Override
    public boolean opensInViewer() {
        return true;
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("TWiki data folder " + root + " does not exist or is not a folder");
        }
        Set<String> topics = new TreeSet<>();
        int machinery = 0;
        for (String file : FolderFiles.list(root)) {
            if (!file.endsWith(".txt") || !file.contains("/") || file.contains(",pfv/") || file.contains(",v/")) {
                continue;
            }
            String path = file.substring(0, file.length() - ".txt".length());
            String web = path.substring(0, path.lastIndexOf('/'));
            String topic = path.substring(path.lastIndexOf('/') + 1);
            if (!isTopicName(topic) || !indexed(web)) {
                continue;
            }
            if (isMachinery(topic)) {
                machinery++;
                continue;
            }
            topics.add(path);
        }
        machineryTopics = machinery;
        return List.copyOf(topics);
    }

    @Override
    public String exclusionSummary() {
        int n = machineryTopics;
        return n == 0 ? "" : n + " wiki machinery topic" + (n == 1 ? "" : "s") + " (WebPreferences, WebChanges…)";
    }

    @Override
    public SourceFile read(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || !isTopicName(path.substring(slash + 1))) {
            return SourceFile.skipped(path, "not a topic of this wiki");
        }
        try {
            Path file = FolderFiles.resolve(root, path + ".txt");
            long size = Files.size(file);
            if (size > settings.maxTopicBytes()) {
                return SourceFile.skipped(path, "topic is " + size + " bytes, over the limit of " + settings.maxTopicBytes());
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 0 && bytes[0] == 0) {
                return SourceFile.skipped(path, "binary content, not a topic");
            }
            String text = decode(bytes);
            TwikiTopic topic = TwikiTopic.parse(path.substring(0, slash), path.substring(slash + 1), text);
            SourceFile out = topic.toSourceFile(text, chunker);
            // A topic saved without TOPICINFO (written by hand) is dated by its file.
            return topic.date().isEmpty()
                    ? SourceFile.chunked(path, text, out.document(), Files.getLastModifiedTime(file).toInstant().toString())
                    : out;
        } catch (IllegalArgumentException e) {
            return SourceFile.skipped(path, e.getMessage());
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public String anchor(Passage passage) {
        return TwikiAnchors.of(passage, settings.foswiki());
    }

    /** Lists the folder and sums it up: "OK, 42 topics in 3 webs", or why it cannot be read. */
    public String testConnection() throws IOException {
        return connectionCheck().message();
    }

    /** {@link #testConnection()} with the number of topics a sync would read. */
    public ConnectionCheck connectionCheck() throws IOException {
        List<String> topics = list();
        long webs = topics.stream().map(t -> t.substring(0, t.lastIndexOf('/'))).distinct().count();
        return new ConnectionCheck(topics.size(), "OK, " + topics.size() + " topic" + (topics.size() == 1 ? "" : "s")
                + " in " + webs + " web" + (webs == 1 ? "" : "s"));
    }

    /** The file of a topic path, refusing paths that leave the folder or name hidden files. */
    public Path resolve(String path) {
        return FolderFiles.resolve(root, path + ".txt");
    }

    private boolean indexed(String web) {
        if (!settings.webs().isEmpty()) {
            return settings.webs().stream().anyMatch(w -> web.equals(w) || web.startsWith(w + "/"));
        }
        String top = web.contains("/") ? web.substring(0, web.indexOf('/')) : web;
        return !top.startsWith("_") && !TwikiSettings.SYSTEM_WEBS.contains(top);
    }

    static boolean isTopicName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9_]*");
    }

    static boolean isMachinery(String topic) {
        return topic.startsWith("Web") && topic.length() > 3 && Character.isUpperCase(topic.charAt(3))
                && !topic.equals("WebHome");
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
