package org.labrador.ingest.git;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.ingest.sync.LinkTemplate;

/**
 * Builds web links to a cited place in a repository from a template with the placeholders
 * {@code {commit}}, {@code {path}}, {@code {start}} and {@code {end}}. {@link #forRemote} derives
 * the GitHub or GitLab form from the remote URL; for a local or unknown host the template is null
 * and {@link #link} returns null, so the caller falls back to its own viewer.
 *
 * @param template the link template, or null when no web link can be made
 */
public record GitLinks(String template) {

    /** {@code git@host:group/project.git}, the scp-like form of SSH remotes. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@([\\w.-]+):(?!//)(.+)$");

    public GitLinks {
        template = template == null || template.isBlank() ? null : template.strip();
    }

    /**
     * @param uri            the repository's remote: https, ssh or scp-like URL, file URL or local path
     * @param customTemplate a configured template, which wins when set
     */
    public static GitLinks forRemote(String uri, String customTemplate) {
        if (customTemplate != null && !customTemplate.isBlank()) {
            return new GitLinks(customTemplate);
        }
        String[] hostAndPath = hostAndPath(uri);
        if (hostAndPath == null) {
            return new GitLinks(null);
        }
        String base = "https://" + hostAndPath[0] + "/" + hostAndPath[1];
        String host = hostAndPath[0].toLowerCase(Locale.ROOT);
        if (host.contains("github")) {
            return new GitLinks(base + "/blob/{commit}/{path}#L{start}-L{end}");
        }
        if (host.contains("gitlab")) {
            return new GitLinks(base + "/-/blob/{commit}/{path}#L{start}-{end}");
        }
        return new GitLinks(null);
    }

    /** The link to lines {@code start..end} of {@code path} at {@code commit}, or null without a template. */
    public String link(String commit, String path, int start, int end) {
        if (template == null) {
            return null;
        }
        return new LinkTemplate(template).link("", commit, path, start, end);
    }

    /** Host (with port for http URLs) and repository path without ".git", or null for local and odd URIs. */
    private static String[] hostAndPath(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String host;
        String path;
        Matcher scp = SCP_LIKE.matcher(uri.strip());
        if (!uri.contains("://") && scp.matches()) {
            host = scp.group(1);
            path = scp.group(2);
        } else {
            URI parsed;
            try {
                parsed = URI.create(uri.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (parsed.getHost() == null || !(scheme.startsWith("http") || scheme.equals("ssh")
                    || scheme.equals("git"))) {
                return null;
            }
            // an ssh port says nothing about the web server, an https port does
            boolean keepPort = scheme.startsWith("http") && parsed.getPort() > 0;
            host = parsed.getHost() + (keepPort ? ":" + parsed.getPort() : "");
            path = parsed.getPath();
        }
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        return path.isEmpty() ? null : new String[] {host, path};
    }
}
