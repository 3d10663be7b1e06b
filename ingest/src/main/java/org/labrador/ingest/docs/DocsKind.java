package org.labrador.ingest.docs;

import java.nio.file.Path;
import org.labrador.ingest.kind.FolderKind;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.sync.DocumentSource;

/** The kind {@code docs}: a folder of Markdown, reStructuredText, HTML and text files ({@link DocsFolder}). */
public final class DocsKind extends FolderKind {

    @Override
    public String name() {
        return "docs";
    }

    @Override
    public String label() {
        return "Docs folder";
    }

    @Override
    public String description() {
        return "A folder on this server of Markdown, reStructuredText, HTML and text files, read recursively.";
    }

    @Override
    protected String folderLabel() {
        return "Folder on this server";
    }

    @Override
    protected String folderHelp() {
        return "Absolute path of the folder; hidden files and links out of it are not read.";
    }

    @Override
    protected DocumentSource open(String sourceName, Path folder, KindSettings settings, KindContext context) {
        return new DocsFolder(sourceName, folder, context.maxFileBytes());
    }
}
