package org.labrador.ingest.wiki;

import java.nio.file.Path;
import org.labrador.ingest.kind.FolderKind;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.sync.DocumentSource;

/** The kind {@code dokuwiki}: a DokuWiki {@code data/pages} folder ({@link DokuWikiPages}). */
public final class DokuWikiKind extends FolderKind {

    @Override
    public String name() {
        return "dokuwiki";
    }

    @Override
    public String label() {
        return "DokuWiki pages";
    }

    @Override
    public String description() {
        return "The data/pages folder of a DokuWiki on this server; namespaces come from its folders.";
    }

    @Override
    protected String folderLabel() {
        return "Pages folder (data/pages)";
    }

    @Override
    protected String folderHelp() {
        return "Absolute path of the wiki's data/pages folder. Give a link template such as"
                + " https://wiki.example.org/doku.php?id={path}#{anchor} to cite the live wiki.";
    }

    @Override
    protected DocumentSource open(String sourceName, Path folder, KindSettings settings, KindContext context) {
        return new DokuWikiPages(sourceName, folder, context.maxFileBytes(), context.chunker());
    }
}
