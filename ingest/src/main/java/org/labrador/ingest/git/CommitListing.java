package org.labrador.ingest.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.Attributes;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit split into those to index and those skipped, with the reason. Reads
 * only trees, blob sizes and .gitattributes, never file content.
 *
 * @param paths      indexable paths, sorted
 * @param exclusions skipped paths, in tree order
 */
record CommitListing(List<String> paths, List<Exclusion> exclusions) {

    static final CommitListing EMPTY = new CommitListing(List.of(), List.of());

    static CommitListing of(Repository repository, ObjectId commit, IndexableFiles rules) throws IOException {
        List<String> paths = new ArrayList<>();
        List<Exclusion> exclusions = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader();
             RevWalk revWalk = new RevWalk(reader);
             // the repository-bound constructor installs the attributes provider that getAttributes() needs;
             // with a tree as the only iterator, attributes come from the .gitattributes files of that tree
             TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(revWalk.parseCommit(commit).getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                if (walk.isSubtree()) {
                    // skipping a vendored folder whole keeps listing fast and the exclusion list short
                    Optional<Exclusion> folder = rules.skipFolder(path);
                    if (folder.isPresent()) {
                        exclusions.add(folder.get());
                    } else {
                        walk.enterSubtree();
                    }
                    continue;
                }
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    exclusions.add(new Exclusion(path, SkipKind.OTHER_TYPE, "submodule (its files are not fetched)"));
                    continue;
                }
                if (mode == FileMode.SYMLINK) {
                    exclusions.add(new Exclusion(path, SkipKind.OTHER_TYPE, "symbolic link"));
                    continue;
                }
                long size = reader.getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                Optional<Exclusion> skip = rules.skipFile(path, size, isMarkedGeneratedOrVendored(walk.getAttributes()));
                if (skip.isPresent()) {
                    exclusions.add(skip.get());
                } else {
                    paths.add(path);
                }
            }
        }
        Collections.sort(paths);
        return new CommitListing(List.copyOf(paths), List.copyOf(exclusions));
    }

    /** As GitHub's linguist reads them: set, or set to "true"; "false" and unset do not mark. */
    static boolean isMarkedGeneratedOrVendored(Attributes attributes) {
        return isTrue(attributes, "linguist-generated") || isTrue(attributes, "linguist-vendored");
    }

    private static boolean isTrue(Attributes attributes, String key) {
        Attribute.State state = attributes.getState(key);
        return state == Attribute.State.SET
                || state == Attribute.State.CUSTOM && "true".equalsIgnoreCase(attributes.getValue(key));
    }
}
