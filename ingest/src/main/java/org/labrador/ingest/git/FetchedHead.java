package org.labrador.ingest.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * What a fetch found.
 *
 * @param commit        head commit of the indexed branch, or null when the repository has no commits
 * @param branch        the indexed branch, or null when the repository has no commits
 * @param defaultBranch the remote's default branch, or null when it has none
 */
record FetchedHead(ObjectId commit, String branch, String defaultBranch) {
}
