package org.labrador.ingest.wiki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a MediaWiki XML export (Special:Export or dumpBackup, schemas 0.8 to 0.11) with StAX and
 * keeps, for every page of the wanted namespaces, only its latest revision: a multi-revision dump
 * costs no more memory than a current one. Elements are matched by local name, so every schema
 * version reads alike. A fault in the XML (truncation, an undefined entity) ends the scan: the pages
 * completed before it are kept and the fault is reported, so a damaged dump still indexes its
 * first pages. DTDs and external entities are refused.
 */
final class MediaWikiDump {

    /**
     * What one scan found.
     *
     * @param pages      latest revision of each wanted page, by document path
     * @param redirects  redirect pages left out
     * @param otherNamespaces pages left out for their namespace, counted by namespace name
     * @param fault      where and why the XML broke off, or null when it was read to the end
     */
    record Scan(Map<String, WikiPage> pages, int redirects, Map<String, Integer> otherNamespaces, String fault) {
    }

    private final Set<Integer> namespaces;
    private final long maxPageBytes;
    private final Map<String, Integer> namespaceByPrefix = new HashMap<>();
    private final Map<Integer, String> namespaceNames = new HashMap<>();

    private final Map<String, WikiPage> pages = new TreeMap<>();
    private final Map<String, Integer> otherNamespaces = new TreeMap<>();
    private int redirects;

    private MediaWikiDump(Set<Integer> namespaces, long maxPageBytes) {
        this.namespaces = namespaces;
        this.maxPageBytes = maxPageBytes;
    }

    static Scan scan(Path file, Set<Integer> namespaces, long maxPageBytes) throws IOException {
        MediaWikiDump dump = new MediaWikiDump(namespaces, maxPageBytes);
        String fault = null;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                dump.read(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            // The JDK parser reports truncation and bad entities as XMLStreamException, and some
            // encoding faults as unchecked exceptions; both end the scan the same way.
            fault = describe(e);
        }
        return new Scan(dump.pages, dump.redirects, dump.otherNamespaces, fault);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof XMLStreamException x && x.getLocation() != null) {
            Location at = x.getLocation();
            // The JDK prefixes its message with the location already; keep the reason only.
            int reason = message.indexOf("Message: ");
            message = "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": "
                    + (reason >= 0 ? message.substring(reason + 9) : message);
        }
        return message.strip();
    }

    private void read(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "namespace" -> readNamespace(xml);
                case "page" -> readPage(xml);
                default -> { }
            }
        }
    }

    private void readNamespace(XMLStreamReader xml) throws XMLStreamException {
        String key = xml.getAttributeValue(null, "key");
        String name = xml.getElementText().strip();
        try {
            int number = Integer.parseInt(key);
            namespaceNames.put(number, number == 0 ? "(main)" : name);
            if (!name.isEmpty()) {
                namespaceByPrefix.put(name.toLowerCase(Locale.ROOT), number);
            }
        } catch (NumberFormatException e) {
            // A namespace without a number cannot be matched against <ns>; ignore it.
        }
    }

    /** Reads one {@code <page>}, from just after its start tag to its end tag. */
    private void readPage(XMLStreamReader xml) throws XMLStreamException {
        String title = null;
        Integer ns = null;
        boolean redirect = false;
        WikiPage latest = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "title" -> title = xml.getElementText().strip();
                    case "ns" -> ns = parseInt(xml.getElementText());
                    case "redirect" -> {
                        redirect = true;
                        depth++;
                    }
                    case "revision" -> {
                        WikiPage revision = readRevision(xml, title, ns == null ? namespaceOf(title) : ns, latest);
                        if (revision != null && (latest == null || revision.newerThan(latest))) {
                            latest = revision;
                        }
                    }
                    default -> depth++;
                }
            }
        }
        if (title == null || title.isEmpty() || latest == null) {
            return;
        }
        int namespace = ns == null ? namespaceOf(title) : ns;
        if (redirect || latest.wikitext() != null && isRedirect(latest.wikitext())) {
            redirects++;
        } else if (!namespaces.contains(namespace)) {
            otherNamespaces.merge(namespaceNames.getOrDefault(namespace, "namespace " + namespace), 1, Integer::sum);
        } else {
            WikiPage known = pages.get(latest.path());
            if (known == null || latest.newerThan(known)) {
                pages.put(latest.path(), latest);
            }
        }
    }

    /**
     * Reads one {@code <revision>}; its text is kept only when the revision is newer than
     * {@code latest} (the timestamp comes before the text in every schema) and not over the limit.
     */
    private WikiPage readRevision(XMLStreamReader xml, String title, int namespace, WikiPage latest)
            throws XMLStreamException {
        long id = 0;
        String timestamp = "";
        String text = null;
        String skip = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (depth == 1 && name.equals("id")) {
                    id = parseLong(xml.getElementText());
                } else if (depth == 1 && name.equals("timestamp")) {
                    timestamp = xml.getElementText().strip();
                } else if (depth == 1 && name.equals("text")) {
                    WikiPage probe = new WikiPage(title, namespace, id, timestamp, null, null);
                    if (latest != null && !probe.newerThan(latest)) {
                        skipElement(xml);
                    } else {
                        StringBuilder body = new StringBuilder();
                        long bytes = readText(xml, body);
                        if (bytes > maxPageBytes) {
                            skip = "page text is " + bytes + " bytes, over the limit of " + maxPageBytes;
                        } else {
                            text = body.toString();
                        }
                    }
                } else {
                    depth++;
                }
            }
        }
        if (text == null && skip == null) {
            // An older revision, or a revision whose text was deleted: nothing to index from it.
            return latest == null ? new WikiPage(title, namespace, id, timestamp, "", null) : null;
        }
        return new WikiPage(title, namespace, id, timestamp, text, skip);
    }

    /** Appends an element's text to {@code out} until the limit, and returns its full size in UTF-8 bytes. */
    private long readText(XMLStreamReader xml, StringBuilder out) throws XMLStreamException {
        long bytes = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return bytes;
            }
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                int start = xml.getTextStart();
                int length = xml.getTextLength();
                char[] chars = xml.getTextCharacters();
                bytes += utf8Bytes(chars, start, length);
                if (bytes <= maxPageBytes) {
                    out.append(chars, start, length);
                } else if (!out.isEmpty()) {
                    out.setLength(0);
                    out.trimToSize();
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                skipElement(xml);
            }
        }
    }

    private static long utf8Bytes(char[] chars, int start, int length) {
        long n = 0;
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The namespace a title's prefix names, for exports that have no {@code <ns>} element. */
    private int namespaceOf(String title) {
        int colon = title == null ? -1 : title.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        return namespaceByPrefix.getOrDefault(title.substring(0, colon).strip().toLowerCase(Locale.ROOT), 0);
    }

    static boolean isRedirect(String wikitext) {
        String head = wikitext.stripLeading();
        return head.regionMatches(true, 0, "#REDIRECT", 0, 9);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
