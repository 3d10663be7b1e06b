package org.labrador.chatserver.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes the first abstracts of a BEIR {@code corpus.jsonl} as Markdown files, a docs folder to ingest. */
final class SciFactFolder {

    private SciFactFolder() {
    }

    static Path write(Path corpus, Path folder, int limit) throws IOException {
        Files.createDirectories(folder);
        JsonMapper json = JsonMapper.builder().build();
        try (BufferedReader in = Files.newBufferedReader(corpus)) {
            String line;
            int n = 0;
            while (n < limit && (line = in.readLine()) != null) {
                JsonNode doc = json.readTree(line);
                String id = doc.path("_id").asString();
                Files.writeString(folder.resolve(id + ".md"),
                        "# " + doc.path("title").asString() + "\n\n" + doc.path("text").asString() + "\n");
                n++;
            }
        }
        return folder;
    }
}
