package org.labrador.chatserver.sources;

import java.util.List;
import java.util.stream.IntStream;
import org.labrador.ingest.kind.KindContext;
import org.labrador.ingest.kind.KindSettings;
import org.labrador.ingest.kind.Setting;
import org.labrador.ingest.kind.SettingType;
import org.labrador.ingest.kind.SourceKind;
import org.labrador.ingest.sync.DocumentSource;
import org.labrador.ingest.sync.SourceFile;

/**
 * A throwaway kind, written as a plug-in author would (ingest's API only), that the tests register
 * in the application: entries of a lab notebook made up from its settings, one of each type.
 */
public final class LabNotebookKind implements SourceKind {

    @Override
    public String name() {
        return "notebook";
    }

    @Override
    public String label() {
        return "Lab notebook";
    }

    @Override
    public String description() {
        return "Entries of an electronic lab notebook.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(SettingType.TEXT, "topic", "Topic").help("What the notebook is about."),
                Setting.optional(SettingType.NUMBER, "entries", "Entries").help("How many entries to read.").defaultValue("3"),
                Setting.optional(SettingType.BOOLEAN, "archived", "Include archived").help("Also the archived entries."),
                Setting.optional(SettingType.CHOICE, "order", "Order").help("Newest or oldest first.").choices("newest", "oldest"),
                Setting.optional(SettingType.LIST, "tags", "Tags").help("Tags to read, one per line."));
    }

    @Override
    public DocumentSource open(String sourceName, KindSettings settings, KindContext context) {
        int entries = (int) settings.number("entries", 3);
        String topic = settings.text("topic");
        return new DocumentSource() {
            @Override
            public String name() {
                return sourceName;
            }

            @Override
            public List<String> list() {
                return IntStream.rangeClosed(1, entries).mapToObj(i -> "entry-" + i + ".md").toList();
            }

            @Override
            public SourceFile read(String path) {
                return SourceFile.text(path, "# Notebook entry on " + topic + "\n\nShift log " + path
                        + ": the " + topic + " was checked and logged.\n");
            }
        };
    }
}
