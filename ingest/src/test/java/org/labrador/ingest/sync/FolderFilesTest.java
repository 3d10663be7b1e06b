package org.labrador.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labrador.ingest.chunking.DocumentChunker;
import org.labrador.ingest.docs.DocsFolder;
import org.labrador.ingest.papers.PaperFolder;
import org.labrador.ingest.wiki.DokuWikiPages;

/**
 * What a folder source reads, on real folders: a secret next to the folder stays out of the index
 * and cannot be opened, whether reached by a link to a file, a link to a folder, a hidden file or a
 * climb out with {@code ..}; links that stay inside the folder still count.
 */
class FolderFilesTest {

    private static final DocumentChunker CHUNKER = new DocumentChunker(350, 40);

    @TempDir
    Path temp;
    private Path folder;
    private Path outside;

    @BeforeEach
    void folderWithLinksOut() throws IOException {
        folder = Files.createDirectories(temp.resolve("docs"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("shadow.md"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(outside.resolve("start.txt"), "====== Secret page ======\n");
        Files.writeString(folder.resolve("guide.md"), "# Guide\n\nThe pump runs at 50 slpm.\n");
        Files.writeString(folder.resolve("start.txt"), "====== Start ======\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/notes.md"), "# Notes\n");
        Files.writeString(folder.resolve(".env"), "LABRADOR_ADMIN_PASSWORD=hunter2\n");
        Files.writeString(folder.resolve(".hidden.md"), "# hidden\n");
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git/config"), "[remote] url = https://user:token@example.org/x.git\n");
        Files.writeString(folder.resolve(".git/README.md"), "# inside .git\n");
        Files.createSymbolicLink(folder.resolve("passwd.md"), outside.resolve("shadow.md"));
        Files.createSymbolicLink(folder.resolve("etc"), outside);
        Files.createSymbolicLink(folder.resolve("secret.txt"), outside.resolve("start.txt"));
        Files.createSymbolicLink(folder.resolve("guide-link.md"), folder.resolve("guide.md")); // stays inside
    }

    @Test
    void theWalkSkipsHiddenFilesAndLinksLeavingTheFolder() throws IOException {
        assertThat(FolderFiles.list(folder)).containsExactly("guide-link.md", "guide.md", "start.txt", "sub/notes.md");
    }

    @Test
    void docsPapersAndWikiPagesIndexNothingOutsideTheFolder() throws IOException {
        assertThat(new DocsFolder("d", folder, 1_000_000).list())
                .containsExactly("guide-link.md", "guide.md", "start.txt", "sub/notes.md");
        assertThat(new DokuWikiPages("w", folder, 1_000_000, CHUNKER).list()).containsExactly("start");
        Files.writeString(outside.resolve("paper.pdf"), "%PDF-1.4 not really\n");
        Files.createSymbolicLink(folder.resolve("paper.pdf"), outside.resolve("paper.pdf"));
        assertThat(new PaperFolder("p", folder, 1_000_000, CHUNKER).list()).isEmpty();
    }

    @Test
    void noPathOpensAFileOutsideTheFolderOrAHiddenOne() {
        DocsFolder docs = new DocsFolder("d", folder, 1_000_000);
        for (String path : new String[] {"passwd.md", "etc/shadow.md", "../outside/shadow.md", ".env", ".git/config",
                ".git/README.md", ".hidden.md", "sub/../../outside/shadow.md", "/etc/passwd", "sub\\..\\..\\outside",
                "guide.md\u0000.md", "."}) {
            assertThatThrownBy(() -> docs.resolve(path)).as(path).isInstanceOf(IllegalArgumentException.class);
            assertThat(docs.read(path).isSkipped()).as(path).isTrue();
        }
        assertThatThrownBy(() -> new DocsFolder("d", folder, 1_000_000).resolve("sub/notes.exe"))
                .as("not a type docs index").isInstanceOf(IllegalArgumentException.class);
        DokuWikiPages wiki = new DokuWikiPages("w", folder, 1_000_000, CHUNKER);
        assertThatThrownBy(() -> wiki.resolve("secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wiki.resolve("etc:start")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wiki.read("secret").isSkipped()).isTrue();
        assertThat(docs.resolve("guide-link.md")).as("a link inside the folder opens").exists();
        assertThat(docs.read("sub/notes.md").text()).contains("# Notes");
    }

    @Test
    void aFolderThatIsItselfALinkIsReadWhereItLeads() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("docs-link"), folder);
        DocsFolder docs = new DocsFolder("d", link, 1_000_000);
        assertThat(docs.list()).contains("guide.md", "sub/notes.md").doesNotContain("passwd.md");
        assertThat(docs.read("guide.md").text()).contains("50 slpm");
        assertThatThrownBy(() -> docs.resolve("passwd.md")).isInstanceOf(IllegalArgumentException.class);
    }
}
