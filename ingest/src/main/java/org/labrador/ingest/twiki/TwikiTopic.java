package org.labrador.ingest.twiki;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.sync.SourceFile;

/**
 * One topic in the store form TWiki and Foswiki keep on disk and show with {@code ?raw=all}: the
 * topic text with {@code %META:…{…}%} lines among it. {@code TOPICINFO} gives the revision date
 * (seconds since 1970) and author, {@code FIELD} the values of the topic's form; the other META
 * lines ({@code TOPICPARENT}, {@code FILEATTACHMENT}, {@code PREFERENCE}, {@code FORM}…) are not
 * content. Attachments live in {@code pub/}, not here, and are not read.
 *
 * @param web     the web, {@code Web} or {@code Web/SubWeb}
 * @param topic   the topic's name
 * @param date    when the latest revision was saved (ISO-8601), or empty when the topic does not say
 * @param author  who saved it, or empty
 * @param lines   the topic's lines, META lines blanked so that line numbers stay those of the file
 * @param form    the form's name, or empty
 * @param fields  the form's fields (title, value), in the file's order
 */
public record TwikiTopic(String web, String topic, String date, String author, List<String> lines, String form,
                         Map<String, String> fields) {

    private static final Pattern META = Pattern.compile("^%META:([A-Z]+)\\{(.*)\\}%\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
    private static final Pattern HEX = Pattern.compile("%([0-9A-Fa-f]{2})");

    public TwikiTopic {
        lines = List.copyOf(lines);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A topic read from its store form; never fails, whatever the text holds. */
    public static TwikiTopic parse(String web, String topic, String storeForm) {
        String[] raw = storeForm.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> lines = new ArrayList<>(raw.length);
        Map<String, String> fields = new LinkedHashMap<>();
        String date = "";
        String author = "";
        String form = "";
        for (String line : raw) {
            Matcher meta = META.matcher(line);
            if (!meta.matches()) {
                lines.add(line);
                continue;
            }
            lines.add("");
            Map<String, String> attributes = attributes(meta.group(2));
            switch (meta.group(1)) {
                case "TOPICINFO" -> {
                    date = date(attributes.getOrDefault("date", ""));
                    author = attributes.getOrDefault("author", "");
                }
                case "FORM" -> form = attributes.getOrDefault("name", "");
                case "FIELD" -> {
                    String title = attributes.getOrDefault("title", attributes.getOrDefault("name", ""));
                    String value = attributes.getOrDefault("value", "").strip();
                    if (!title.isBlank() && !value.isEmpty()) {
                        fields.put(title.strip(), value);
                    }
                }
                default -> {
                    // TOPICPARENT, FILEATTACHMENT, TOPICMOVED, PREFERENCE: not content
                }
            }
        }
        // A file ends with a newline: the empty string after it is no line of the topic.
        if (!lines.isEmpty() && lines.getLast().isEmpty() && storeForm.endsWith("\n")) {
            lines.removeLast();
        }
        return new TwikiTopic(web, topic, date, author, lines, form, fields);
    }

    /** {@code Web.Topic}, as the wiki names it ({@code Web.SubWeb.Topic} in a subweb). */
    public String wikiName() {
        return web.replace('/', '.') + "." + topic;
    }

    /** The document path: {@code Web/Topic}, as in the wiki's view URLs. */
    public String path() {
        return web + "/" + topic;
    }

    /**
     * The topic as a source hands it to the sync: its text turned into Markdown line for line
     * ({@link TmlSyntax}), the form's fields after it under a heading of their own, cut into
     * sections, titled {@code Web.Topic} and dated by the revision.
     *
     * @param content what identifies the topic's content (its store form)
     */
    SourceFile toSourceFile(String content, DocumentChunker chunker) {
        StringBuilder markdown = new StringBuilder(TmlSyntax.toMarkdown(lines, web, topic));
        if (!fields.isEmpty()) {
            markdown.append("\n\n## ").append(form.isEmpty() ? "Form" : "Form " + form.replaceFirst("^.*\\.", ""))
                    .append('\n');
            fields.forEach((title, value) -> markdown.append('\n').append(title).append(": ")
                    .append(TmlSyntax.inline(value.replace('\n', ' '), web, topic)).append("  "));
        }
        ChunkedDocument cut = chunker.chunk(topic + ".md", markdown.toString());
        return SourceFile.chunked(path(), content, new ChunkedDocument(wikiName(), cut.passages()), date);
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), decode(m.group(2)));
        }
        return out;
    }

    /**
     * A META value as stored: TWiki writes {@code %_N_} (newline), {@code %_Q_} (quote) and
     * {@code %_P_} (percent); Foswiki percent-encodes ({@code %0A}, {@code %22}, {@code %25}).
     */
    static String decode(String value) {
        if (value.contains("%_")) {
            return value.replace("%_N_", "\n").replace("%_Q_", "\"").replace("%_P_", "%");
        }
        return HEX.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    private static String date(String epochSeconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())).toString();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return "";
        }
    }
}
