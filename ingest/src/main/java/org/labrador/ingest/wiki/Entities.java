package org.labrador.ingest.wiki;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML character references left in wiki markup ({@code &nbsp;}, {@code &#8211;}), decoded to text. */
final class Entities {

    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("thinsp", " "), Map.entry("ensp", " "), Map.entry("emsp", " "),
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("minus", "−"),
            Map.entry("times", "×"), Map.entry("deg", "°"), Map.entry("plusmn", "±"), Map.entry("hellip", "…"),
            Map.entry("middot", "·"), Map.entry("prime", "′"), Map.entry("micro", "µ"), Map.entry("shy", ""),
            Map.entry("zwj", ""), Map.entry("zwnj", ""), Map.entry("lrm", ""), Map.entry("rlm", ""));

    private Entities() {
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(character(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String character(String name, String whole) {
        if (name.startsWith("#")) {
            try {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) ? Character.toString(code) : whole;
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return NAMED.getOrDefault(name, whole);
    }
}
