package org.labrador.ingest.mattermost;

import java.net.URI;
import java.util.List;
import org.labrador.ingest.net.ServiceAddress;

/**
 * What a source of kind {@code mattermost} reads: chosen channels of one team on a Mattermost
 * server, through its REST API v4 with a personal access token.
 *
 * @param name           the source's name
 * @param url            the server, such as {@code https://mattermost.web.cern.ch}
 * @param team           the team's name as in its URLs ({@code xenonnt}), for finding channels by
 *                       name and for permalinks
 * @param channels       the channels, by name as in their URLs ({@code analysis-help}) or by id;
 *                       private channels only when the token's user is a member
 * @param tokenEnv       names the secret holding the personal access token (required)
 * @param maxThreadBytes a thread whose answer is larger than this is skipped
 */
public record MattermostSettings(String name, String url, String team, List<String> channels, String tokenEnv,
                                 long maxThreadBytes) {

    public MattermostSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a mattermost source needs a name");
        }
        String what = "mattermost source '" + name + "'";
        url = ServiceAddress.parse(what + ": url", url).toString();
        team = team == null ? "" : team.strip();
        if (!team.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException(what + ": team is the team's name as in its URLs (lower-case letters,"
                    + " digits, - and _), got '" + team + "'");
        }
        channels = channels == null ? List.of()
                : channels.stream().map(String::strip).map(c -> c.startsWith("~") ? c.substring(1) : c)
                        .filter(c -> !c.isEmpty()).distinct().toList();
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(what + " needs the channels to index (channels: [town-square, analysis-help])");
        }
        for (String channel : channels) {
            if (!channel.matches("[a-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException(what + ": '" + channel + "' is not a channel name as in its URL"
                        + " or a channel id");
            }
        }
        if (tokenEnv == null || tokenEnv.isBlank()) {
            throw new IllegalArgumentException(what + " needs token-env: the Mattermost API reads nothing without"
                    + " a personal access token");
        }
        tokenEnv = tokenEnv.strip();
        if (maxThreadBytes <= 0) {
            throw new IllegalArgumentException(what + ": the thread size limit must be positive");
        }
    }

    public URI baseUrl() {
        return URI.create(url);
    }

    /** The link template of a thread's permalink, {@code {url}/{team}/pl/{path}} (the path is the root post's id). */
    public String defaultLink() {
        return url + "/" + team + "/pl/{path}";
    }

    /** Whether a channel is given by its id (26 characters, as Mattermost makes them) rather than its name. */
    static boolean isId(String channel) {
        return channel.matches("[a-z0-9]{26}");
    }
}
