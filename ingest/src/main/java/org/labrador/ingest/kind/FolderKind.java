package org.labrador.ingest.kind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labrador.ingest.sync.DocumentSource;

/**
 * The shared part of kinds that read a folder on this server (docs, papers, DokuWiki pages): one
 * required {@code path} setting, the folder; the reader is usually a
 * {@link org.labrador.ingest.sync.FolderSource}. A subclass says what the folder holds and opens it.
 */
public abstract class FolderKind implements SourceKind {

    /** The name of the folder setting. */
    public static final String PATH = "path";

    /** The label of the folder field, such as "Folder of papers". */
    protected abstract String folderLabel();

    /** The help under the folder field: what is read in it. */
    protected abstract String folderHelp();

    /** Settings after the folder, none by default. */
    protected List<Setting> moreSettings() {
        return List.of();
    }

    /** A reader of the folder. */
    protected abstract DocumentSource open(String sourceName, Path folder, KindSettings settings, KindContext context);

    @Override
    public final List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        settings.add(Setting.required(SettingType.PATH, PATH, folderLabel()).help(folderHelp()));
        settings.addAll(moreSettings());
        return settings;
    }

    @Override
    public final DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        return open(sourceName, settings.path(PATH).orElseThrow(), settings, context);
    }
}
