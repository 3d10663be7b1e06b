package org.labrador.chatserver.sources;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.chatserver.system.SecretsProperties;
import org.labrador.chatserver.system.SourceAccessProperties;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.LinkTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a source may do beyond the server, by who wrote it. Sources in the configuration files
 * are an administrator's: any {@code token-env}, and their own host may be internal. Sources
 * added in the UI or over the API are a curator's: {@code token-env} names a secret only (a
 * variable starting with {@code labrador.secrets.env-prefix} or a key of the secrets file, never
 * {@code LABRADOR_ADMIN_PASSWORD} or {@code PATH}), URLs are http(s) (git and ssh too for Git)
 * without credentials, links are web pages or pages of Labrador, and internal hosts are reached
 * only when {@code labrador.sources.allowed-hosts} lists them. Whoever wrote it, a source's URL
 * credentials never leave the server: {@link #redacted} and {@link #redact}.
 */
@Component
public class SourceRules {

    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");
    /** {@code git@host:group/project.git}, the scp-like form of SSH remotes. */
    private static final Pattern SCP_LIKE = Pattern.compile("^([\\w.-]+)@([\\w.-]+):(?!//)(.+)$");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, Set<String>> URL_SCHEMES = Map.of(
            "git", Set.of("http", "https", "git", "ssh"),
            "mediawiki", Set.of("http", "https"));

    private final AddressPolicy policy;
    private final String envPrefix;
    private final Secrets secrets;

    @Autowired
    public SourceRules(SourceAccessProperties access, SecretsProperties secrets, LabradorProperties properties) {
        this(AddressPolicy.allowing(access.allowedHosts()), secrets.envPrefix(), properties.secretsFile());
    }

    SourceRules(AddressPolicy policy, String envPrefix, Path secretsFile) {
        this.policy = policy;
        this.envPrefix = envPrefix == null ? "" : envPrefix;
        this.secrets = new Secrets(secretsFile);
    }

    /** The defaults: public addresses only, secrets named {@code LABRADOR_SECRET_*} or in the secrets file. */
    static SourceRules defaults(Path secretsFile) {
        return new SourceRules(AddressPolicy.blockingInternal(), "LABRADOR_SECRET_", secretsFile);
    }

    /**
     * Refuses what a curator may not put in a source; called before a definition from the UI or
     * the API is saved or tested, so before any connection.
     *
     * @throws SourceRefusedException saying what to do instead
     */
    void checkCuratorDefinition(Source source) {
        checkTokenEnv(source);
        checkUrl(source);
        checkLink(source);
    }

    /** A curator's {@code token-env} must name a secret: nothing else is read, let alone sent anywhere. */
    void checkTokenEnv(Source source) {
        String name = source.tokenEnv() == null ? "" : source.tokenEnv().strip();
        if (name.isEmpty()) {
            return;
        }
        boolean prefixed = !envPrefix.isEmpty() && name.startsWith(envPrefix) && name.length() > envPrefix.length();
        if (!ENV_NAME.matcher(name).matches() || !(prefixed || secrets.names().contains(name))) {
            throw new SourceRefusedException("token-env " + name + " is not a secret that sources may use: name"
                    + (envPrefix.isEmpty() ? "" : " an environment variable starting with " + envPrefix + " or")
                    + " a key of the secrets file (an administrator sets them)");
        }
    }

    private static void checkUrl(Source source) {
        if (source.url() == null || source.url().isBlank()) {
            return;
        }
        Set<String> schemes = URL_SCHEMES.getOrDefault(source.kind(), Set.of("http", "https"));
        String url = source.url().strip();
        Matcher scp = SCP_LIKE.matcher(url);
        if (!url.contains("://") && scp.matches() && schemes.contains("ssh")) {
            return; // git@host:path: a user name, never a password
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new SourceRefusedException("the URL of source " + source.name() + " is not valid: " + redact(e.getMessage()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getRawAuthority() == null) {
            throw new SourceRefusedException("the URL of a " + source.kind() + " source starts with "
                    + String.join("://, ", schemes.stream().sorted().toList()) + "://"
                    + ("git".equals(source.kind()) ? "; a repository on this server is given as a path" : ""));
        }
        String authority = uri.getRawAuthority();
        String userInfo = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@')) : null;
        // ssh://git@host names the account, not a secret; over http(s) a lone user name may be a token
        boolean sshUser = scheme.equals("ssh") && userInfo != null && !userInfo.contains(":");
        if (userInfo != null && !sshUser) {
            throw new SourceRefusedException("the URL of source " + source.name() + " holds credentials (user:token@):"
                    + " remove them, and put the token in a secret named by token-env instead");
        }
    }

    private static void checkLink(Source source) {
        if (!LinkTemplate.isSafe(source.link())) {
            throw new SourceRefusedException("the link template of source " + source.name()
                    + " must make http(s) links or paths on this server, such as https://host/{path}#L{start}");
        }
    }

    /**
     * The policy a source's fetches follow: the configured one, and for a source in a
     * configuration file its own host too (the administrator who wrote it chose that host).
     */
    AddressPolicy policyFor(Source source, SourceStore.Origin origin) {
        if (origin != SourceStore.Origin.CONFIG || source.url() == null || source.url().isBlank()) {
            return policy;
        }
        String url = source.url().strip();
        Matcher scp = SCP_LIKE.matcher(url);
        if (!url.contains("://") && scp.matches()) {
            return policy.alsoAllowing(List.of(scp.group(2)));
        }
        try {
            String host = AddressPolicy.hostOf(new URI(url));
            return host.isEmpty() ? policy : policy.alsoAllowing(List.of(host));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return policy;
        }
    }

    /** A definition as it may be shown (API, edit dialog): URL credentials replaced by {@code ***}. */
    public static Source redacted(Source source) {
        if (source == null || source.url() == null || !URL_USER_INFO.matcher(source.url()).find()) {
            return source;
        }
        return new Source(source.name(), source.kind(), source.path(), redact(source.url()), source.branch(),
                source.tokenEnv(), source.excludes(), source.link(), source.groups(), source.schedule(),
                source.suggestedQuestions());
    }

    /** Text with the user information of every URL in it removed. */
    static String withoutCredentials(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1");
    }

    /** Text with the user information of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
