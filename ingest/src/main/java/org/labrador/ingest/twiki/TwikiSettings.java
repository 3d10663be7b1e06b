package org.labrador.ingest.twiki;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.labrador.ingest.net.ServiceAddress;

/**
 * What a source of kind {@code twiki} reads: a TWiki or Foswiki {@code data/} folder ({@code path}),
 * or a live wiki ({@code url}, the address its topics are viewed under, such as
 * {@code https://twiki.cern.ch/twiki/bin/view}).
 *
 * @param name          the source's name
 * @param path          the wiki's {@code data/} folder, or null for a live wiki
 * @param url           the view address of a live wiki ({@code …/bin/view}, or the site's root with
 *                      short URLs), or null for a folder
 * @param webs          the webs to index ({@code Atlas}, {@code Atlas/Trigger} for a subweb with its
 *                      own subwebs); empty: every web of a folder except the wiki's own ({@code TWiki},
 *                      {@code System}, {@code Trash}, {@code _default}…). A live wiki needs them.
 * @param engine        {@code twiki} (default) or {@code foswiki}: the two make section anchors differently
 * @param tokenEnv      names the secret a live wiki is read with ({@code user:password} for HTTP basic
 *                      authentication, {@code cookie:NAME=VALUE} for a session cookie, {@code bearer:TOKEN}),
 *                      or null to read as a guest
 * @param maxTopicBytes topics larger than this are skipped
 */
public record TwikiSettings(String name, Path path, String url, List<String> webs, String engine, String tokenEnv,
                            long maxTopicBytes) {

    /** The webs a folder leaves out unless named: the wiki's own documentation and its templates. */
    public static final List<String> SYSTEM_WEBS = List.of("TWiki", "System", "Trash", "Sandbox");

    public TwikiSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a twiki source needs a name");
        }
        String what = "twiki source '" + name + "'";
        if ((path == null) == (url == null || url.isBlank())) {
            throw new IllegalArgumentException(what + " needs either a path (the wiki's data/ folder) or a url, not both");
        }
        if (url != null) {
            url = ServiceAddress.parse(what + ": url", url).toString();
        }
        webs = webs == null ? List.of() : webs.stream().map(String::strip).filter(w -> !w.isEmpty()).distinct().toList();
        for (String web : webs) {
            if (!web.matches("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)*") || web.startsWith("_")) {
                throw new IllegalArgumentException(what + ": '" + web + "' is not a web name (letters, digits, _;"
                        + " Web/SubWeb for a subweb)");
            }
        }
        if (url != null && webs.isEmpty()) {
            throw new IllegalArgumentException(what + ": a live wiki needs the webs to index (webs: [Main, Atlas])");
        }
        engine = engine == null || engine.isBlank() ? "twiki" : engine.strip().toLowerCase(Locale.ROOT);
        if (!engine.equals("twiki") && !engine.equals("foswiki")) {
            throw new IllegalArgumentException(what + ": engine is twiki or foswiki, not '" + engine + "'");
        }
        tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? null : tokenEnv.strip();
        if (tokenEnv != null && url == null) {
            throw new IllegalArgumentException(what + ": token-env is for a live wiki (url), not a folder");
        }
        if (maxTopicBytes <= 0) {
            throw new IllegalArgumentException(what + ": the topic size limit must be positive");
        }
    }

    /** Whether this is a live wiki rather than a folder. */
    public boolean live() {
        return url != null;
    }

    /** The view address of a live wiki. */
    public URI viewUrl() {
        return url == null ? null : URI.create(url);
    }

    /** Whether Foswiki's anchors are used rather than TWiki's. */
    public boolean foswiki() {
        return engine.equals("foswiki");
    }

    /**
     * The link template citations open: the topic at the cited section on a live wiki
     * ({@code https://…/bin/view/{path}#{anchor}}); null for a folder, whose citations open
     * Labrador's viewer unless a {@code link} is configured (give the wiki's view address then).
     */
    public String defaultLink() {
        return url == null ? null : url + "/{path}#{anchor}";
    }
}
