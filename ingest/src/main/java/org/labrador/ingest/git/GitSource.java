package org.labrador.ingest.git;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.labrador.ingest.net.AddressPolicy;
import org.labrador.ingest.sync.SourceFile;
import org.labrador.ingest.sync.SyncReport;
import org.labrador.ingest.sync.VersionedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Git repository as a source: fetched with JGit into a bare repository in the clone folder,
 * files read from the head commit of one branch, never from a work tree.
 *
 * <p>Lifecycle: {@link #fetch()} first, then {@link #list()}, {@link #read}, {@link #changedSince}
 * all answer for the head commit that fetch resolved, until the next fetch; {@link #close()}
 * releases the repository. A repository without commits is not an error: fetch returns null and
 * the source lists nothing. Methods are synchronized: the chat's file viewer reads while a sync
 * may be fetching, and a read must see one head commit, not half of a fetch.
 */
public final class GitSource implements VersionedSource, Closeable {

    private static final Logger log = LoggerFactory.getLogger(GitSource.class);

    private final GitSourceSettings settings;
    private final IndexableFiles rules;
    private final RepositoryFetch remote;
    private Repository repository;
    private FetchedHead head;
    private CommitListing listing;

    /**
     * A source that fetches from public addresses only (and from local paths).
     *
     * @param environment looks up environment variables by name: {@code System::getenv} in production
     */
    public GitSource(GitSourceSettings settings, Path cloneDir, Function<String, String> environment) {
        this(settings, cloneDir, environment, AddressPolicy.blockingInternal());
    }

    /**
     * @param environment looks up secrets by name (the token named by {@code tokenEnv})
     * @param policy      the hosts a remote may be fetched from, checked before every connection
     */
    public GitSource(GitSourceSettings settings, Path cloneDir, Function<String, String> environment,
                     AddressPolicy policy) {
        this.settings = settings;
        this.rules = new IndexableFiles(settings.excludes(), settings.maxFileBytes());
        this.remote = new RepositoryFetch(settings, cloneDir, environment, policy);
    }

    @Override
    public String name() {
        return settings.name();
    }

    public GitSourceSettings settings() {
        return settings;
    }

    /**
     * Fetches the indexed branch only (creating the local repository on first use) and moves to the
     * head of the configured branch, or of the remote's default branch.
     *
     * @return the head commit id, 40 hex digits, or null when the repository has no commits
     * @throws GitSourceException remote unreachable, authentication failed, token variable unset,
     *     branch not found, invalid local path; the message is safe to show
     */
    public synchronized String fetch() throws GitSourceException {
        if (repository == null) {
            repository = remote.openOrCreate();
        }
        FetchedHead fetched = remote.fetch(repository);
        head = fetched;
        listing = null;
        if (fetched.commit() == null) {
            log.warn("Git source '{}': {} has no commits yet; nothing to index", name(), settings.displayUri());
            return null;
        }
        log.info("Git source '{}': {} is at {}", name(), fetched.branch(), fetched.commit().name());
        return fetched.commit().name();
    }

    /** A file is read from the local repository at the indexed commit, never from the remote. */
    @Override
    public boolean opensInViewer() {
        return true;
    }

    @Override
    public synchronized String exclusionSummary() {
        try {
            ExclusionCounts counts = excludedCounts();
            return counts.total() == 0 ? "" : counts.summary();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** {@link #fetch()} for a sync: the head commit, or an empty revision for a repository without commits. */
    @Override
    public synchronized String update() throws IOException {
        try {
            String commit = fetch();
            return commit == null ? "" : commit;
        } catch (GitSourceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The head commit found by the last fetch, 40 hex digits, or null if the repository has no commits. */
    public synchronized String headCommit() {
        FetchedHead fetched = fetched();
        return fetched.commit() == null ? null : fetched.commit().name();
    }

    /** The indexed branch, or null if the repository has no commits. */
    public synchronized String branch() {
        return fetched().branch();
    }

    /** The remote's default branch as of the last fetch, or null if the repository has no branches. */
    public synchronized String defaultBranch() {
        return fetched().defaultBranch();
    }

    /** Indexable paths at the head commit, sorted, after the skip rules of {@link IndexableFiles}. */
    @Override
    public synchronized List<String> list() throws IOException {
        return listing().paths();
    }

    /**
     * The file's text at the head commit, or why it is skipped: not in the commit, over the size
     * limit, binary content, not valid UTF-8. Never throws for a bad file.
     */
    @Override
    public synchronized SourceFile read(String path) {
        FetchedHead fetched = fetched();
        if (fetched.commit() == null) {
            return SourceFile.skipped(path, "the repository has no commits");
        }
        return new BlobText(repository, settings.maxFileBytes()).read(fetched.commit(), path);
    }

    /**
     * Paths added, modified or deleted between {@code commit} and the head, both old and new path
     * of a rename, unfiltered by the skip rules (the caller intersects them with {@link #list()}).
     * When a .gitattributes file changed, paths that became or stopped being indexable are included
     * too. The old commit need not be an ancestor of the head: after a force push the trees are
     * still compared, as long as the old commit is still in the local repository.
     *
     * @return the changed paths, or empty if {@code commit} is not a commit known locally (never
     *     fetched, or removed), or the repository has no commits: the caller then compares in full
     */
    public synchronized Optional<Set<String>> changedSince(String commit) {
        FetchedHead fetched = fetched();
        if (commit == null || fetched.commit() == null) {
            return Optional.empty();
        }
        if (!ObjectId.isId(commit)) {
            return Optional.empty();
        }
        ObjectId oldId = ObjectId.fromString(commit);
        try (RevWalk revWalk = new RevWalk(repository);
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            RevCommit oldCommit;
            try {
                oldCommit = revWalk.parseCommit(oldId);
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                return Optional.empty();
            }
            RevCommit newCommit = revWalk.parseCommit(fetched.commit());
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            Set<String> changed = new TreeSet<>();
            for (DiffEntry entry : diff.scan(oldCommit.getTree(), newCommit.getTree())) {
                switch (entry.getChangeType()) {
                    case ADD, COPY, MODIFY -> changed.add(entry.getNewPath());
                    case DELETE -> changed.add(entry.getOldPath());
                    case RENAME -> {
                        changed.add(entry.getOldPath());
                        changed.add(entry.getNewPath());
                    }
                }
            }
            if (changed.stream().anyMatch(GitSource::isAttributesFile)) {
                changed.addAll(indexableStatusChanges(oldCommit));
            }
            return Optional.of(Set.copyOf(changed));
        } catch (IOException e) {
            log.warn("Git source '{}': cannot compare {} with {}; a full comparison follows: {}",
                    name(), commit, fetched.commit().name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Paths the skip rules left out at the head commit, each with the reason. */
    public List<SyncReport.Skipped> excluded() throws IOException {
        return listing().exclusions().stream().map(Exclusion::toSkipped).toList();
    }

    /** The same exclusions with their kind, for counting and filtering. */
    public synchronized List<Exclusion> exclusions() throws IOException {
        return listing().exclusions();
    }

    /** How many paths were left out at the head commit, per kind of reason. */
    public synchronized ExclusionCounts excludedCounts() throws IOException {
        return ExclusionCounts.of(listing().exclusions());
    }

    @Override
    public synchronized void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }

    @Override
    public String toString() {
        return "GitSource[" + settings.name() + " " + settings.displayUri() + "]";
    }

    private CommitListing listing() throws IOException {
        FetchedHead fetched = fetched();
        if (listing == null) {
            listing = fetched.commit() == null ? CommitListing.EMPTY
                    : CommitListing.of(repository, fetched.commit(), rules);
        }
        return listing;
    }

    /** Paths indexable at one of the two commits but not the other, as a .gitattributes change can cause. */
    private Set<String> indexableStatusChanges(RevCommit oldCommit) throws IOException {
        Set<String> before = new HashSet<>(CommitListing.of(repository, oldCommit, rules).paths());
        Set<String> after = new HashSet<>(listing().paths());
        Set<String> differ = new HashSet<>(before);
        differ.addAll(after);
        before.retainAll(after);
        differ.removeAll(before);
        return differ;
    }

    private FetchedHead fetched() {
        if (head == null || repository == null) {
            throw new IllegalStateException("Git source '" + name() + "' has not been fetched: call fetch() first");
        }
        return head;
    }

    private static boolean isAttributesFile(String path) {
        return path.equals(".gitattributes") || path.endsWith("/.gitattributes");
    }
}
