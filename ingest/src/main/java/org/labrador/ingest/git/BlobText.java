package org.labrador.ingest.git;

import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.labrador.ingest.sync.SourceFile;

/**
 * Reads one file of a commit from the object database as UTF-8 text, or says why it cannot be
 * indexed, with the same content checks as a docs folder ({@link SourceFile#decode}).
 */
final class BlobText {

    private final Repository repository;
    private final long maxFileBytes;

    BlobText(Repository repository, long maxFileBytes) {
        this.repository = repository;
        this.maxFileBytes = maxFileBytes;
    }

    SourceFile read(ObjectId commit, String path) {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk revWalk = new RevWalk(reader);
             TreeWalk walk = TreeWalk.forPath(reader, path, revWalk.parseCommit(commit).getTree())) {
            if (walk == null) {
                return SourceFile.skipped(path, "not in commit " + commit.abbreviate(10).name());
            }
            FileMode mode = walk.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                return SourceFile.skipped(path, "not a regular file");
            }
            ObjectId blob = walk.getObjectId(0);
            // the size comes from the object header, so an oversized blob is never inflated
            long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
            if (size > maxFileBytes) {
                return SourceFile.skipped(path, "file is " + size + " bytes, over the limit of " + maxFileBytes);
            }
            byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
            return SourceFile.decode(path, bytes);
        } catch (IOException e) {
            return SourceFile.skipped(path, "cannot read from the repository: " + e.getMessage());
        }
    }
}
