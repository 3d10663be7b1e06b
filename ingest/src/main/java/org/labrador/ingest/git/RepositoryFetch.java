package org.labrador.ingest.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FS;
import org.labrador.ingest.net.AddressPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the branch to index (the configured one, or the remote's default branch as its HEAD
 * says) into a bare repository in the clone folder, and nothing else: no other branches, no tags.
 * The repository is created with {@code git init --bare} and fetched from the URI directly rather
 * than cloned: the URI (which may carry a password) is then never written to the repository's
 * config, and a URI changed in the settings takes effect on the next fetch. The branch is
 * force-updated, so a force-pushed branch simply moves; objects of the old history stay in the
 * local repository until it is garbage-collected.
 *
 * <p>A remote's host is checked against the {@link AddressPolicy} before JGit connects, and every
 * HTTP request JGit sends (redirects included) is checked again. When a remote cannot be reached,
 * for whatever reason (refused by the policy, connection refused, timeout, not a Git server), the
 * message is the same: the details, which would tell an open port from a closed one or quote
 * what an internal server answered, go to the server log only.
 */
final class RepositoryFetch {

    private static final Logger log = LoggerFactory.getLogger(RepositoryFetch.class);
    private static final String TRACKING = "refs/remotes/origin/";
    private static final int TIMEOUT_SECONDS = 120;
    /** An HTTP status of 401 or 403 in JGit's message, not a port or path that happens to contain the digits. */
    private static final java.util.regex.Pattern AUTH_STATUS = java.util.regex.Pattern.compile("(?<![\\d:/.])40[13](?![\\d/])");
    private static final Set<String> REMOTE_SCHEMES = Set.of("http", "https", "git", "ssh");

    private final GitSourceSettings settings;
    private final Path cloneDir;
    private final Function<String, String> environment;
    private final AddressPolicy policy;

    RepositoryFetch(GitSourceSettings settings, Path cloneDir, Function<String, String> environment,
                    AddressPolicy policy) {
        this.settings = settings;
        this.cloneDir = cloneDir;
        this.environment = environment;
        this.policy = policy;
    }

    /** Secrets that must never be shown: the token (if its variable is set) and the URI's user information. */
    Redaction redaction() {
        List<String> secrets = new ArrayList<>();
        if (settings.tokenEnv() != null) {
            secrets.add(environment.apply(settings.tokenEnv()));
        }
        try {
            URIish uri = new URIish(settings.uri());
            secrets.add(uri.getPass());
            if (uri.getPass() == null && isHttp(uri)) {
                secrets.add(uri.getUser()); // https://TOKEN@host is how some hosts take a bare token
            }
        } catch (java.net.URISyntaxException e) {
            // nothing to add: an unparsable URI is reported on its own
        }
        return new Redaction(secrets);
    }

    Repository openOrCreate() throws GitSourceException {
        File dir = cloneDir.toFile();
        try {
            if (!RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED)) {
                if (Files.isDirectory(cloneDir)) {
                    try (var entries = Files.list(cloneDir)) {
                        if (entries.findAny().isPresent()) {
                            throw new GitSourceException("clone folder " + cloneDir + " of source '"
                                    + settings.name() + "' is not empty and not a Git repository;"
                                    + " remove it or choose another folder");
                        }
                    }
                }
                Files.createDirectories(cloneDir);
                Git.init().setBare(true).setDirectory(dir).call().close();
            }
            Repository repository = new FileRepositoryBuilder().setGitDir(dir).setMustExist(true).build();
            // JGit's automatic garbage collection after a fetch runs in the background by default, holding
            // gc.log.lock after the fetch returned: a clone could then not be deleted, nor its lock released.
            StoredConfig config = repository.getConfig();
            if (config.getBoolean("gc", "autoDetach", true)) {
                config.setBoolean("gc", null, "autoDetach", false);
                config.save();
            }
            return repository;
        } catch (IOException | GitAPIException e) {
            throw new GitSourceException("cannot create or open clone folder " + cloneDir + " of source '"
                    + settings.name() + "': " + redaction().describe(e), e);
        }
    }

    /**
     * Lists the remote's branches, fetches only the one to index into its tracking ref and drops
     * the tracking refs of any other branch (fetched by an earlier version, or indexed before the
     * branch setting changed); their objects stay until garbage collection, so an indexed commit
     * of the old branch can still be compared with the new head.
     */
    FetchedHead fetch(Repository repository) throws GitSourceException {
        CredentialsProvider credentials = credentials();
        boolean local = checkLocalPath();
        Redaction redaction = redaction();
        if (!local) {
            checkRemoteAddress(redaction);
        }
        Map<String, Ref> advertised = remoteCall(redaction, "list the branches of", () -> Git.lsRemoteRepository()
                .setRemote(settings.uri())
                .setHeads(false)
                .setTags(false)
                .setCredentialsProvider(credentials)
                .setTransportConfigCallback(this::checkEveryConnection)
                .setTimeout(TIMEOUT_SECONDS)
                .callAsMap());
        Map<String, ObjectId> branches = new TreeMap<>();
        for (Ref ref : advertised.values()) {
            if (ref.getName().startsWith(Constants.R_HEADS) && !ref.isSymbolic() && ref.getObjectId() != null) {
                branches.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId());
            }
        }
        if (branches.isEmpty()) {
            dropTrackingRefsExcept(repository, null);
            return new FetchedHead(null, null, null); // a repository without commits has no branches
        }
        String defaultBranch = defaultBranch(advertised.get(Constants.HEAD), branches);
        String branch = settings.branch() != null ? settings.branch() : defaultBranch;
        if (!branches.containsKey(branch)) {
            List<String> names = List.copyOf(branches.keySet());
            throw new GitSourceException(prefix() + "branch '" + branch + "' not found in " + settings.displayUri()
                    + "; its branches are: " + String.join(", ", names.subList(0, Math.min(names.size(), 20)))
                    + (names.size() > 20 ? ", ..." : ""));
        }
        String tracking = TRACKING + branch;
        remoteCall(redaction, "fetch from", () -> Git.wrap(repository).fetch()
                .setRemote(settings.uri())
                .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking))
                .setTagOpt(TagOpt.NO_TAGS)
                .setCredentialsProvider(credentials)
                .setTransportConfigCallback(this::checkEveryConnection)
                .setTimeout(TIMEOUT_SECONDS)
                .call());
        dropTrackingRefsExcept(repository, tracking);
        try {
            Ref fetched = repository.exactRef(tracking);
            if (fetched == null || fetched.getObjectId() == null) {
                throw new GitSourceException(prefix() + "branch '" + branch + "' vanished from "
                        + settings.displayUri() + " during the fetch; try again");
            }
            return new FetchedHead(fetched.getObjectId(), branch, defaultBranch);
        } catch (IOException e) {
            throw new GitSourceException(prefix() + "cannot read the fetched branch: " + e.getMessage(), e);
        }
    }

    /** Branches fetched before but no longer indexed: their refs go, so only the indexed branch is kept up to date. */
    private void dropTrackingRefsExcept(Repository repository, String keep) throws GitSourceException {
        try {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(TRACKING)) {
                if (!ref.getName().equals(keep)) {
                    RefUpdate update = repository.updateRef(ref.getName());
                    update.setForceUpdate(true);
                    update.delete();
                }
            }
        } catch (IOException e) {
            throw new GitSourceException(prefix() + "cannot remove branches no longer indexed: " + e.getMessage(), e);
        }
    }

    private interface RemoteCall<T> {
        T call() throws GitAPIException;
    }

    /**
     * Runs one exchange with the remote, turning its failures into messages that never show a
     * secret; a remote that cannot be reached gets {@link #unreachable}, whatever the reason.
     */
    private <T> T remoteCall(Redaction redaction, String action, RemoteCall<T> call) throws GitSourceException {
        boolean local = isLocal();
        try {
            return call.call();
        } catch (InvalidRemoteException e) {
            if (!local) {
                throw unreachable(action, redaction.describe(e), e);
            }
            throw new GitSourceException(prefix() + "no Git repository at " + settings.displayUri() + " ("
                    + redaction.describe(e) + ")", e);
        } catch (TransportException e) {
            throw transportFailure(e, redaction, action, local);
        } catch (GitAPIException | RuntimeException e) {
            if (!local) {
                throw unreachable(action, redaction.describe(e), e);
            }
            throw new GitSourceException(prefix() + action + " " + settings.displayUri() + " failed: "
                    + redaction.describe(e), e);
        }
    }

    /** The remote's host must be allowed before JGit connects (git and ssh remotes are checked only here). */
    private void checkRemoteAddress(Redaction redaction) throws GitSourceException {
        try {
            URIish uri = new URIish(settings.uri());
            String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT); // scp-like: ssh
            if (!REMOTE_SCHEMES.contains(scheme)) {
                throw new org.labrador.ingest.net.BlockedAddressException("scheme '" + scheme + "' is not fetched");
            }
            policy.checkHost(uri.getHost());
        } catch (IOException | java.net.URISyntaxException e) {
            throw unreachable("connect to", redaction.describe(e), e);
        }
    }

    /** Puts the address check in front of every HTTP connection the transport opens. */
    private void checkEveryConnection(Transport transport) {
        if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(new CheckedConnections(policy, http.getHttpConnectionFactory()));
        }
    }

    /**
     * The one message for a remote that cannot be reached, so that a refused address, a closed
     * port, a timeout and a server that is no Git server look alike to the caller; the detail is logged.
     */
    private GitSourceException unreachable(String action, String detail, Throwable cause) {
        log.warn("{}{} {} failed: {}", prefix(), action, settings.displayUri(), detail);
        return new GitSourceException(prefix() + "could not reach the repository at " + settings.displayUri()
                + "; check the URL (a host on an internal network must be allowed by an administrator)", cause);
    }

    /** The branch the remote's HEAD points to; when the server does not say, the branch HEAD's commit is on. */
    private static String defaultBranch(Ref head, Map<String, ObjectId> branches) {
        if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
            return head.getTarget().getName().substring(Constants.R_HEADS.length());
        }
        List<String> candidates = new ArrayList<>(List.of("main", "master"));
        candidates.addAll(branches.keySet());
        for (String name : candidates) {
            ObjectId id = branches.get(name);
            if (id != null && (head == null || head.getObjectId() == null || id.equals(head.getObjectId()))) {
                return name;
            }
        }
        return branches.keySet().iterator().next();
    }

    private CredentialsProvider credentials() throws GitSourceException {
        if (settings.tokenEnv() == null) {
            return null;
        }
        String token = environment.apply(settings.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new GitSourceException(prefix() + "environment variable " + settings.tokenEnv()
                    + " is not set; it should hold the access token for " + settings.displayUri());
        }
        // GitLab takes any token with user "oauth2"; GitHub takes personal and app tokens with "x-access-token"
        String host = settings.uri().toLowerCase(Locale.ROOT);
        String user = host.contains("gitlab") ? "oauth2" : "x-access-token";
        return new UsernamePasswordCredentialsProvider(user, token.strip());
    }

    /**
     * A local path that is missing gets a plain message instead of JGit's "not found" wording.
     *
     * @return whether the repository is local (a path or file URL), which is not fetched over a network
     */
    private boolean checkLocalPath() throws GitSourceException {
        URIish uri;
        try {
            uri = new URIish(settings.uri());
        } catch (java.net.URISyntaxException e) {
            throw new GitSourceException(prefix() + "'" + settings.displayUri() + "' is not a valid repository URI");
        }
        boolean local = isLocal(uri);
        if (local && !Files.isDirectory(Path.of(uri.getPath()))) {
            throw new GitSourceException(prefix() + "local repository path " + uri.getPath()
                    + " does not exist or is not a folder");
        }
        return local;
    }

    private boolean isLocal() {
        try {
            return isLocal(new URIish(settings.uri()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLocal(URIish uri) {
        return uri.getScheme() == null && uri.getHost() == null || "file".equals(uri.getScheme());
    }

    private GitSourceException transportFailure(TransportException e, Redaction redaction, String action, boolean local) {
        String detail = redaction.describe(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (refusedByPolicy(e)) {
            return unreachable(action, detail, e); // a redirect to an address that is not allowed
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || AUTH_STATUS.matcher(lower).find()
                || lower.contains("auth fail") || lower.contains("credentials")) {
            String hint = settings.tokenEnv() == null
                    ? "the repository needs credentials: set a token environment variable for this source"
                    : "check that the token in " + settings.tokenEnv() + " is valid and can read the repository";
            log.warn("{}{} {} failed: {}", prefix(), action, settings.displayUri(), detail);
            return new GitSourceException(prefix() + "authentication failed for " + settings.displayUri() + "; "
                    + hint, e);
        }
        if (!local) {
            return unreachable(action, detail, e);
        }
        if (lower.contains("not found") || lower.contains("404") || lower.contains("not exist")) {
            return new GitSourceException(prefix() + "no Git repository at " + settings.displayUri()
                    + " (" + detail + ")", e);
        }
        return new GitSourceException(prefix() + "cannot reach " + settings.displayUri() + " (" + detail + ")", e);
    }

    private static boolean refusedByPolicy(Throwable error) {
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof org.labrador.ingest.net.BlockedAddressException) {
                return true;
            }
        }
        return false;
    }

    private String prefix() {
        return "Git source '" + settings.name() + "': ";
    }

    private static boolean isHttp(URIish uri) {
        return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
    }
}
