package org.labrador.ingest.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitLinksTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void githubRemotesLinkToBlobLines() {
        String expected = "https://github.com/cms-analysis/dimuon/blob/" + COMMIT + "/src/fit%20v2.py#L10-L20";
        for (String remote : new String[] {"https://github.com/cms-analysis/dimuon.git",
                "https://github.com/cms-analysis/dimuon", "https://x-access-token:t@github.com/cms-analysis/dimuon/",
                "git@github.com:cms-analysis/dimuon.git", "ssh://git@github.com/cms-analysis/dimuon.git"}) {
            assertThat(GitLinks.forRemote(remote, null).link(COMMIT, "src/fit v2.py", 10, 20))
                    .as(remote).isEqualTo(expected);
        }
    }

    @Test
    void gitlabRemotesKeepGroupsAndUseTheDashForm() {
        assertThat(GitLinks.forRemote("https://gitlab.cern.ch/atlas/higgs/analysis.git", null)
                .link(COMMIT, "run.cxx", 3, 7))
                .isEqualTo("https://gitlab.cern.ch/atlas/higgs/analysis/-/blob/" + COMMIT + "/run.cxx#L3-7");
        assertThat(GitLinks.forRemote("ssh://git@gitlab.cern.ch:7999/atlas/analysis.git", null).template())
                .isEqualTo("https://gitlab.cern.ch/atlas/analysis/-/blob/{commit}/{path}#L{start}-{end}");
    }

    @Test
    void localAndUnknownRemotesHaveNoLink() {
        assertThat(GitLinks.forRemote("/data/repos/analysis", null).link(COMMIT, "a.py", 1, 2)).isNull();
        assertThat(GitLinks.forRemote("file:///data/repos/analysis", null).template()).isNull();
        assertThat(GitLinks.forRemote("https://git.example.org/analysis.git", null).template()).isNull();
    }

    @Test
    void aCustomTemplateWins() {
        GitLinks links = GitLinks.forRemote("https://github.com/o/r.git", "https://cgit.example.org/r/tree/{path}?id={commit}#n{start}");
        assertThat(links.link(COMMIT, "a/b.py", 5, 9)).isEqualTo("https://cgit.example.org/r/tree/a/b.py?id=" + COMMIT + "#n5");
    }
}
