package org.labrador.chatserver.sources;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labrador.chatserver.system.LabradorProperties;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.labrador.chatserver.system.SecretsProperties;
import org.labrador.chatserver.system.SourceAccessProperties;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.kind.SourceKinds;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.LinkTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a source may do beyond the server, by who wrote it, for every kind alike: the rules apply
 * to the settings by their type in the kind's description. Sources in the configuration files
 * are an administrator's: any secret name, and their own hosts may be internal. Sources added in
 * the UI or over the API are a curator's: a {@link SettingType#SECRET_ENV} setting ({@code token-env})
 * names a secret only (a variable starting with {@code labrador.secrets.env-prefix} or a key of the
 * secrets file, never {@code LABRADOR_ADMIN_PASSWORD} or {@code PATH}), a {@link SettingType#URL}
 * uses one of the setting's schemes (http(s) unless the kind says more, as Git adds git and ssh)
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

    private final SourceKinds kinds;
    private final AddressPolicy policy;
    private final String envPrefix;
    private final Secrets secrets;

    @Autowired
    public SourceRules(SourceKinds kinds, SourceAccessProperties access, SecretsProperties secrets,
                       LabradorProperties properties) {
        this(kinds, AddressPolicy.allowing(access.allowedHosts()), secrets.envPrefix(), properties.secretsFile());
    }

    SourceRules(AddressPolicy policy, String envPrefix, Path secretsFile) {
        this(SourceKinds.installed(), policy, envPrefix, secretsFile);
    }

    SourceRules(SourceKinds kinds, AddressPolicy policy, String envPrefix, Path secretsFile) {
        this.kinds = kinds;
        this.policy = policy;
        this.envPrefix = envPrefix == null ? "" : envPrefix;
        this.secrets = new Secrets(secretsFile);
    }

    /** The defaults: public addresses only, secrets named {@code LABRADOR_SECRET_*} or in the secrets file. */
    static SourceRules defaults(Path secretsFile) {
        return new SourceRules(AddressPolicy.blockingInternal(), "LABRADOR_SECRET_", secretsFile);
    }

    static SourceRules defaults(SourceKinds kinds, Path secretsFile) {
        return new SourceRules(kinds, AddressPolicy.blockingInternal(), "LABRADOR_SECRET_", secretsFile);
    }

    /**
     * Refuses what a curator may not put in a source; called before a definition from the UI or
     * the API is saved or tested, so before any connection.
     *
     * @throws SourceRefusedException saying what to do instead
     * @throws IllegalArgumentException when the kind is unknown or its settings malformed
     */
    void checkCuratorDefinition(Source source) {
        SourceKind kind = kinds.require(source.kind());
        KindSettings settings = kind.read(source.settings());
        checkTokenEnv(kind, settings);
        checkUrls(source, kind, settings);
        checkLink(source);
    }

    /** A curator's secret names must name secrets: nothing else is read, let alone sent anywhere. */
    void checkTokenEnv(Source source) {
        kinds.find(source.kind()).ifPresent(kind ->
                checkTokenEnv(kind, kind.readLenient(source.settings(), key -> { })));
    }

    private void checkTokenEnv(SourceKind kind, KindSettings settings) {
        for (Setting setting : kind.settings()) {
            String name = setting.type() == SettingType.SECRET_ENV && settings.has(setting.name())
                    ? settings.text(setting.name()).strip() : "";
            if (name.isEmpty()) {
                continue;
            }
            boolean prefixed = !envPrefix.isEmpty() && name.startsWith(envPrefix) && name.length() > envPrefix.length();
            if (!ENV_NAME.matcher(name).matches() || !(prefixed || secrets.names().contains(name))) {
                throw new SourceRefusedException(setting.configKey() + " " + name + " is not a secret that sources may"
                        + " use: name" + (envPrefix.isEmpty() ? "" : " an environment variable starting with " + envPrefix + " or")
                        + " a key of the secrets file (an administrator sets them)");
            }
        }
    }

    private static void checkUrls(Source source, SourceKind kind, KindSettings settings) {
        for (Setting setting : kind.settings()) {
            if (setting.type() == SettingType.URL && settings.has(setting.name())) {
                checkUrl(source, kind, setting, settings.text(setting.name()).strip());
            }
        }
    }

    private static void checkUrl(Source source, SourceKind kind, Setting setting, String url) {
        List<String> schemes = setting.schemes();
        Matcher scp = SCP_LIKE.matcher(url);
        if (!url.contains("://") && scp.matches() && schemes.contains("ssh")) {
            return; // git@host:path: a user name, never a password
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new SourceRefusedException("the " + setting.label() + " of source " + source.name() + " is not valid: "
                    + redact(e.getMessage()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getRawAuthority() == null) {
            String onThisServer = kind.settings().stream().filter(s -> s.type() == SettingType.PATH).findFirst()
                    .map(s -> "; one on this server is given as " + s.configKey() + " (" + s.label() + ")").orElse("");
            throw new SourceRefusedException("the " + setting.label() + " of a " + kind.name() + " source starts with "
                    + String.join("://, ", schemes.stream().sorted().toList()) + "://" + onThisServer);
        }
        String authority = uri.getRawAuthority();
        String userInfo = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@')) : null;
        // ssh://git@host names the account, not a secret; over http(s) a lone user name may be a token
        boolean sshUser = scheme.equals("ssh") && userInfo != null && !userInfo.contains(":");
        if (userInfo != null && !sshUser) {
            throw new SourceRefusedException("the " + setting.label() + " of source " + source.name() + " holds credentials"
                    + " (user:token@): remove them, and put the token in a secret named by token-env instead");
        }
    }

    private static void checkLink(Source source) {
        if (!LinkTemplate.isSafe(source.link())) {
            throw new SourceRefusedException("the link template of source " + source.name()
                    + " must make http(s) links or paths on this server, such as https://host/{path}#L{start}");
        }
    }

    /**
     * The policy a source's connections follow: the configured one, and for a source in a
     * configuration file the hosts of its own URLs too (the administrator who wrote it chose them).
     */
    AddressPolicy policyFor(Source source, SourceStore.Origin origin) {
        if (origin != SourceStore.Origin.CONFIG) {
            return policy;
        }
        SourceKind kind = kinds.find(source.kind()).orElse(null);
        if (kind == null) {
            return policy;
        }
        KindSettings settings;
        try {
            settings = kind.readLenient(source.settings(), key -> { });
        } catch (IllegalArgumentException e) {
            return policy;
        }
        List<String> hosts = new ArrayList<>();
        for (Setting setting : kind.settings()) {
            if (setting.type() == SettingType.URL && settings.has(setting.name())) {
                hostOf(settings.text(setting.name()).strip()).ifPresent(hosts::add);
            }
        }
        return hosts.isEmpty() ? policy : policy.alsoAllowing(hosts);
    }

    private static java.util.Optional<String> hostOf(String url) {
        Matcher scp = SCP_LIKE.matcher(url);
        if (!url.contains("://") && scp.matches()) {
            return java.util.Optional.of(scp.group(2));
        }
        try {
            String host = AddressPolicy.hostOf(new URI(url));
            return host.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(host);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** A definition as it may be shown (API, edit dialog): URL credentials in any setting replaced by {@code ***}. */
    public static Source redacted(Source source) {
        if (source == null) {
            return null;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        source.settings().forEach((key, value) -> shown.put(key, redactValue(value)));
        return source.withSettings(shown);
    }

    private static Object redactValue(Object value) {
        if (value instanceof String text) {
            return redact(text);
        }
        if (value instanceof List<?> items) {
            return items.stream().map(SourceRules::redactValue).toList();
        }
        return value;
    }

    /** Text with the user information of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
