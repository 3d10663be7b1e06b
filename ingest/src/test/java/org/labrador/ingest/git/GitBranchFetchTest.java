package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the indexed branch is fetched: an upstream with many branches and tags leaves one ref in the clone. */
class GitBranchFetchTest {

    @TempDir
    Path tmp;

    private UpstreamRepository upstream;
    private String mainHead;
    private String calibrationHead;
    private String featureHead;

    @BeforeEach
    void buildUpstreamWithSeveralBranches() throws Exception {
        upstream = UpstreamRepository.create(tmp.resolve("upstream"));
        upstream.write("src/fit.py", "def fit(h):\n    return h.Fit('gaus')\n");
        mainHead = upstream.commit("first analysis");
        upstream.git().tag().setName("v1.0").call();
        calibrationHead = onBranch("calibration", "calib.py", "scale = 1.02\n");
        featureHead = onBranch("feature/s2-width", "width.py", "WIDTH = 3\n");
        upstream.git().checkout().setName("main").call();
        upstream.write("src/plot.py", "def plot(h):\n    h.Draw()\n");
        mainHead = upstream.commit("plotting");
    }

    @AfterEach
    void close() {
        upstream.close();
    }

    @Test
    void theDefaultBranchIsTheOnlyRefFetchedAndOtherBranchesObjectsStayRemote() throws Exception {
        Path clone = tmp.resolve("clone");
        try (GitSource source = new GitSource(settings(null), clone, name -> null)) {
            assertThat(source.fetch()).isEqualTo(mainHead);
            assertThat(source.branch()).isEqualTo("main");
            assertThat(source.defaultBranch()).isEqualTo("main");
            assertThat(source.list()).containsExactly("src/fit.py", "src/plot.py");
        }
        try (Repository local = open(clone)) {
            assertThat(local.getRefDatabase().getRefs()).extracting(Ref::getName)
                    .containsExactly("refs/remotes/origin/main");
            assertThat(local.getObjectDatabase().has(ObjectId.fromString(calibrationHead))).isFalse();
            assertThat(local.getObjectDatabase().has(ObjectId.fromString(featureHead))).isFalse();
        }
    }

    @Test
    void aConfiguredBranchIsTheOnlyRefAndSwitchingBranchesDropsTheOldRef() throws Exception {
        Path clone = tmp.resolve("clone");
        try (GitSource source = new GitSource(settings("feature/s2-width"), clone, name -> null)) {
            assertThat(source.fetch()).isEqualTo(featureHead);
            assertThat(source.defaultBranch()).isEqualTo("main");
        }
        try (Repository local = open(clone)) {
            assertThat(local.getRefDatabase().getRefs()).extracting(Ref::getName)
                    .containsExactly("refs/remotes/origin/feature/s2-width");
        }

        try (GitSource source = new GitSource(settings("calibration"), clone, name -> null)) {
            assertThat(source.fetch()).isEqualTo(calibrationHead);
            assertThat(source.list()).contains("calib.py").doesNotContain("width.py");
            // the commit indexed from the old branch (made on top of calibration) is still there to compare against
            assertThat(source.changedSince(featureHead)).hasValueSatisfying(
                    changed -> assertThat(changed).containsExactly("width.py"));
        }
        try (Repository local = open(clone)) {
            assertThat(local.getRefDatabase().getRefs()).extracting(Ref::getName)
                    .containsExactly("refs/remotes/origin/calibration");
        }
    }

    @Test
    void aNewCommitOnAnotherBranchIsNotFetched() throws Exception {
        Path clone = tmp.resolve("clone");
        try (GitSource source = new GitSource(settings(null), clone, name -> null)) {
            source.fetch();
            String later = onBranch("calibration", "calib.py", "scale = 1.03\n");
            upstream.git().checkout().setName("main").call();

            assertThat(source.fetch()).isEqualTo(mainHead);
            try (Repository local = open(clone)) {
                assertThat(local.getObjectDatabase().has(ObjectId.fromString(later))).isFalse();
            }
        }
    }

    private String onBranch(String branch, String path, String text) throws Exception {
        boolean exists = upstream.git().getRepository().exactRef("refs/heads/" + branch) != null;
        upstream.git().checkout().setName(branch).setCreateBranch(!exists).call();
        upstream.write(path, text);
        return upstream.commit("on " + branch);
    }

    private GitSourceSettings settings(String branch) {
        return new GitSourceSettings("analysis", upstream.dir().toString(), branch, null, List.of(), 1_000_000);
    }

    private static Repository open(Path clone) throws Exception {
        return new FileRepositoryBuilder().setGitDir(clone.toFile()).setMustExist(true).build();
    }
}
