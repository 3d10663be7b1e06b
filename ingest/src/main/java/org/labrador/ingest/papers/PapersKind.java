package org.labrador.ingest.papers;

import java.nio.file.Path;
import org.labrador.ingest.kind.FolderKind;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.sync.DocumentSource;

/** The kind {@code papers}: a folder of PDFs, LaTeX sources and BibTeX files ({@link PaperFolder}). */
public final class PapersKind extends FolderKind {

    @Override
    public String name() {
        return "papers";
    }

    @Override
    public String label() {
        return "Papers folder";
    }

    @Override
    public String description() {
        return "A folder on this server of papers: PDFs, LaTeX sources (preferred over their PDFs) and BibTeX files.";
    }

    @Override
    protected String folderLabel() {
        return "Folder of papers";
    }

    @Override
    protected String folderHelp() {
        return "Absolute path of the folder; citations open the PDF at the cited page.";
    }

    /** A paper opens as itself, at the cited page. */
    @Override
    public String citationLink(KindSettings settings) {
        return "/files/{source}/{path}#page={page}";
    }

    @Override
    protected DocumentSource open(String sourceName, Path folder, KindSettings settings, KindContext context) {
        return new PaperFolder(sourceName, folder, context.maxFileBytes(), context.chunker());
    }
}
