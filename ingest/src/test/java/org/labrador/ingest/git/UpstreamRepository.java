package org.labrador.ingest.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real repository in a temporary folder, standing in for the remote a source fetches from. */
final class UpstreamRepository implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Ada Analyst", "ada@example.org");

    private final Path dir;
    private final Git git;

    private UpstreamRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static UpstreamRepository create(Path dir) throws GitAPIException {
        return new UpstreamRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    Path dir() {
        return dir;
    }

    Git git() {
        return git;
    }

    UpstreamRepository write(String path, String text) throws IOException {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    UpstreamRepository write(String path, byte[] bytes) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return this;
    }

    UpstreamRepository move(String from, String to) throws IOException {
        Path target = dir.resolve(to);
        Files.createDirectories(target.getParent());
        Files.move(dir.resolve(from), target);
        return this;
    }

    UpstreamRepository delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    /** Stages everything, deletions included, and commits; returns the commit id. */
    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().name();
    }

    /** Rewrites the last commit, as before a force push; returns the new commit id. */
    String amend(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setAmend(true).setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().name();
    }

    @Override
    public void close() {
        git.close();
    }
}
