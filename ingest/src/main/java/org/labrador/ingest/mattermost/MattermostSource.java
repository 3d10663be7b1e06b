package org.labrador.ingest.mattermost;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.labrador.ingest.chunking.ChunkedDocument;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.kind.ConnectionCheck;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.net.SourceHttpClient;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.VersionedSource;
import tools.jackson.databind.JsonNode;

/**
 * A source of kind {@code mattermost}: the threads of chosen channels of a team. A thread (a root
 * post and all its replies) is one document ({@link MattermostThread}) whose path is the root
 * post's id, so that citations open its permalink, {@code {url}/{team}/pl/{id}}.
 *
 * <p>Channels are found by name in the team (or by id) at every sync. A channel the token cannot
 * read (403: a private channel whose member the token's user is not), or that is not there (404),
 * is left out with a status line naming it ({@link #exclusionSummary}), and the other channels are
 * read; its threads leave the index, as the token no longer shows them. Direct and group messages
 * are never read. A token that is not accepted (401), an unreachable server, any other error status
 * (a 400, a 5xx, a rate limit that held after the waits Mattermost asked for), an answer that is
 * not the API's JSON, or no readable channel at all fail the listing, so nothing already indexed is
 * deleted. A private channel's passages are open to the source's {@code groups}, like any other;
 * in a source without groups (open to every signed-in user) a private channel is not read at all
 * (fail closed): it is left out with a status, the sync warns ({@link #restrictedParts}), and its
 * threads leave the index.
 *
 * <p>Incremental: a sync asks each channel for the posts changed since the last one
 * ({@code since}) and reads only their threads; the listing still pages through every post (200
 * per request), so deleted threads are found.
 */
public final class MattermostSource implements VersionedSource {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    /** A channel as resolved for this sync. */
    private record Channel(String id, String name, String display, boolean privateChannel) {
    }

    private final MattermostSettings settings;
    private final MattermostApi api;
    private final DocumentChunker chunker;
    private final Map<String, String> userNames = new HashMap<>();
    private Map<String, Channel> channels;
    private List<String> statuses = List.of();
    /** The private channels the last listing found, read or not. */
    private List<String> privateChannels = List.of();
    /** Until a sync says the source has groups, private channels are left out. */
    private boolean openToEveryone = true;

    /**
     * @param token  gives the personal access token of the secret {@code token-env} names, read at
     *               each request
     * @param policy the hosts the server may be on
     */
    public MattermostSource(MattermostSettings settings, Supplier<String> token, AddressPolicy policy,
                            DocumentChunker chunker) {
        this.settings = settings;
        this.api = new MattermostApi(settings, token, policy);
        this.chunker = chunker;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public synchronized String update() {
        channels = null;
        return Instant.now().toString();
    }

    @Override
    public synchronized void openTo(List<String> groups) {
        if (openToEveryone != groups.isEmpty()) {
            openToEveryone = groups.isEmpty();
            channels = null;
        }
    }

    @Override
    public synchronized List<String> list() throws IOException {
        Map<String, Channel> readable = channels();
        List<String> refused = new ArrayList<>(statuses);
        Set<String> threads = new TreeSet<>();
        for (Channel channel : List.copyOf(readable.values())) {
            try {
                for (JsonNode post : api.posts(channel.id(), "~" + channel.name())) {
                    if (MattermostThread.isContent(post)) {
                        threads.add(MattermostThread.rootOf(post));
                    }
                }
            } catch (MattermostApi.ChannelRefused e) {
                refused.add(status(channel.name(), e.reply));
                readable.remove(channel.id());
            }
        }
        if (readable.isEmpty() && !(openToEveryone && !privateChannels.isEmpty())) {
            // Only when nothing was left out for want of groups: then the threads must leave the index.
            throw new IOException("no channel could be read: " + String.join("; ", refused));
        }
        statuses = List.copyOf(refused);
        return List.copyOf(threads);
    }

    /**
     * The threads with a post created, edited or deleted since the revision; empty (compare every
     * thread) when a channel cannot tell, or answered as many posts as Mattermost returns at most.
     */
    @Override
    public synchronized Optional<Set<String>> changedSince(String revision) {
        long since;
        try {
            since = Instant.parse(revision).minus(CLOCK_SKEW).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Set<String> changed = new TreeSet<>();
        try {
            for (Channel channel : channels().values()) {
                MattermostApi.Reply reply = api.postsSince(channel.id(), since);
                JsonNode posts = reply.ok() ? reply.json().path("posts") : null;
                if (posts == null || !posts.isObject() || posts.size() >= MattermostApi.SINCE_LIMIT) {
                    return Optional.empty();
                }
                posts.forEach(post -> changed.add(MattermostThread.rootOf(post)));
            }
        } catch (IOException e) {
            return Optional.empty(); // the listing fails again in list(), with its message
        }
        return Optional.of(changed);
    }

    @Override
    public SourceFile read(String rootId) {
        if (!rootId.matches("[a-z0-9]{26}")) {
            return SourceFile.skipped(rootId, "not a Mattermost post id");
        }
        MattermostApi.Reply reply;
        Map<String, Channel> readable;
        try {
            readable = readableChannels();
            reply = api.thread(rootId);
        } catch (SourceHttpClient.TooLarge e) {
            return SourceFile.skipped(rootId, "thread is over the limit of " + settings.maxThreadBytes() + " bytes");
        } catch (IOException e) {
            return SourceFile.skipped(rootId, "cannot read from Mattermost: " + e.getMessage());
        }
        if (reply.status() == 404) {
            return SourceFile.skipped(rootId, "the thread is gone from Mattermost (HTTP 404)");
        }
        if (reply.status() == 403) {
            return SourceFile.skipped(rootId, "Mattermost refused the thread (HTTP 403)");
        }
        if (!reply.ok() || !reply.json().path("posts").isObject()) {
            return SourceFile.skipped(rootId, "Mattermost answered HTTP " + reply.status() + " for the thread");
        }
        List<JsonNode> posts = new ArrayList<>();
        reply.json().path("posts").forEach(posts::add);
        JsonNode root = reply.json().path("posts").path(rootId);
        Channel channel = readable.get(root.path("channel_id").asString(""));
        if (channel == null) {
            return SourceFile.skipped(rootId, "the thread is not in one of the source's channels");
        }
        MattermostThread thread = MattermostThread.of(rootId, posts, channel.display(), names(posts));
        if (thread.posts() == 0) {
            return SourceFile.skipped(rootId, "every post of the thread was deleted");
        }
        ChunkedDocument cut = chunker.chunk(rootId + ".md", thread.markdown());
        return SourceFile.chunked(rootId, thread.markdown(), new ChunkedDocument(thread.title(), cut.passages()),
                thread.modified());
    }

    /**
     * The private channels, as the last listing found them: "~detector-ops (a private channel)";
     * left out of the listing while the source has no groups.
     */
    @Override
    public synchronized List<String> restrictedParts() {
        return privateChannels.stream().map(c -> "~" + c + " (a private channel)").toList();
    }

    /** The channels left out and why: "~secret-plans: no access (HTTP 403) …". */
    @Override
    public synchronized String exclusionSummary() {
        return String.join("; ", statuses);
    }

    /**
     * Checks the token and lists the channels: "OK, as @indexer: 3 channels (1 private), 120
     * threads", with the channels that cannot be read, or why nothing can.
     */
    public String testConnection() throws IOException {
        return connectionCheck().message();
    }

    /** {@link #testConnection()} with the number of threads a sync would read. */
    public synchronized ConnectionCheck connectionCheck() throws IOException {
        MattermostApi.Reply me = api.me();
        if (!me.ok()) {
            throw new IOException("Mattermost answered HTTP " + me.status() + " for the token's user: " + me.message());
        }
        channels = null;
        int threads = list().size();
        long privateRead = channels.values().stream().filter(Channel::privateChannel).count();
        return new ConnectionCheck(threads, "OK, as @" + me.json().path("username").asString("?") + ": "
                + channels.size() + " channel" + (channels.size() == 1 ? "" : "s")
                + (privateRead == 0 ? "" : " (" + privateRead + " private)")
                + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                + (statuses.isEmpty() ? "" : "; " + String.join("; ", statuses)));
    }

    private synchronized Map<String, Channel> readableChannels() throws IOException {
        return Map.copyOf(channels());
    }

    /** The configured channels the token can read, found afresh once per sync. */
    private Map<String, Channel> channels() throws IOException {
        if (channels != null) {
            return channels;
        }
        MattermostApi.Reply team = api.team();
        if (!team.ok()) {
            throw new IOException("Mattermost has no team '" + settings.team() + "' the token's user is in (HTTP "
                    + team.status() + (team.message().isEmpty() ? "" : ": " + team.message()) + ")");
        }
        String teamId = team.json().path("id").asString("");
        Map<String, Channel> found = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        List<String> restricted = new ArrayList<>();
        for (String wanted : settings.channels()) {
            MattermostApi.Reply reply = MattermostSettings.isId(wanted) ? api.channelById(wanted) : null;
            if (reply == null || reply.status() == 404) {
                reply = api.channelByName(teamId, wanted);
            }
            if (reply.refused()) {
                refused.add(status(wanted, reply));
                continue;
            }
            if (!reply.ok()) {
                // Not a refusal (a rate limit that held, a 400): leaving the channel out would delete its threads.
                throw MattermostApi.failure(reply, "channel ~" + wanted);
            }
            JsonNode c = reply.json();
            String type = c.path("type").asString("");
            if (type.equals("D") || type.equals("G")) {
                refused.add("~" + wanted + ": direct and group messages are not indexed");
                continue;
            }
            String name = c.path("name").asString(wanted);
            if (type.equals("P")) {
                restricted.add(name);
                if (openToEveryone) {
                    refused.add("~" + name + ": a private channel, not indexed because the source has no groups"
                            + " (give it the groups of those who may read the channel)");
                    continue;
                }
            }
            found.put(c.path("id").asString(""), new Channel(c.path("id").asString(""), c.path("name").asString(wanted),
                    c.path("display_name").asString(c.path("name").asString(wanted)), type.equals("P")));
        }
        channels = found;
        statuses = List.copyOf(refused);
        privateChannels = List.copyOf(restricted);
        return channels;
    }

    private String status(String channel, MattermostApi.Reply reply) {
        return "~" + channel + ": " + switch (reply.status()) {
            case 403 -> "no access (HTTP 403): the token's user must be a member of a private channel";
            case 404 -> "no such channel in team " + settings.team() + " (HTTP 404)";
            default -> "HTTP " + reply.status() + (reply.message().isEmpty() ? "" : ": " + reply.message());
        };
    }

    /** User names by id, asking the server for the ones not seen before; ids stay when it will not say. */
    private Map<String, String> names(List<JsonNode> posts) {
        Set<String> wanted = new TreeSet<>();
        posts.forEach(p -> wanted.add(p.path("user_id").asString("")));
        wanted.remove("");
        synchronized (userNames) {
            wanted.removeAll(userNames.keySet());
            if (!wanted.isEmpty()) {
                try {
                    MattermostApi.Reply reply = api.users(List.copyOf(wanted));
                    if (reply.ok()) {
                        reply.json().forEach(u -> userNames.put(u.path("id").asString(""), u.path("username").asString("")));
                    }
                } catch (IOException e) {
                    // names are a nicety: the thread is read with ids
                }
            }
            return Map.copyOf(userNames);
        }
    }
}
