package org.labrador.retrieval;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which citation links may reach a reader: web pages ({@code http}, {@code https}) and pages of
 * Labrador itself (relative paths). Anything else ({@code javascript:}, {@code data:},
 * {@code file:}, a scheme-relative {@code //host}) would run or open something the reader did not
 * ask for in every client that renders citations (the web UI, API scripts, IDE chats), so such a
 * link is replaced by Labrador's own viewer.
 */
public final class CitationLink {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);

    private CitationLink() {
    }

    /** Whether a link may be shown as it is: empty, http(s), or a relative path on this server. */
    public static boolean isSafe(String uri) {
        if (uri == null || uri.isEmpty()) {
            return true;
        }
        // Browsers drop tabs, newlines and leading spaces: "java\tscript:" would still run.
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        var scheme = SCHEME.matcher(uri);
        if (scheme.matches()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            return (name.equals("http") || name.equals("https")) && uri.length() > name.length() + 3
                    && uri.startsWith("//", name.length() + 1);
        }
        return !uri.startsWith("//") && !uri.startsWith("\\") && !uri.startsWith("/\\");
    }

    /** The link itself when {@link #isSafe safe}, else Labrador's viewer at the cited lines. */
    public static String orViewer(String uri, String source, String path, int startLine, int endLine) {
        return isSafe(uri) ? uri : viewer(source, path, startLine, endLine);
    }

    /** Labrador's viewer: {@code /source/{source}/{path}?lines={start}-{end}}. */
    public static String viewer(String source, String path, int startLine, int endLine) {
        return "/source/" + encodeSegments(source) + "/" + encodeSegments(path) + "?lines=" + startLine + "-" + endLine;
    }

    /** Percent-encodes each segment of a path but keeps the slashes between them. */
    public static String encodeSegments(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
