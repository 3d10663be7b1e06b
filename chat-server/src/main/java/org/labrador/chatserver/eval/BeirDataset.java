package org.labrador.chatserver.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset in BEIR's format: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv}
 * (query-id, corpus-id, score, with a header line).
 */
public record BeirDataset(Path folder, String name) {

    /** One corpus document. */
    public record Document(String id, String title, String text) {
    }

    public static BeirDataset open(Path folder) throws IOException {
        for (String required : List.of("corpus.jsonl", "queries.jsonl", "qrels")) {
            if (!Files.exists(folder.resolve(required))) {
                throw new IOException(folder + " is not a BEIR dataset: " + required + " is missing");
            }
        }
        return new BeirDataset(folder, folder.toAbsolutePath().normalize().getFileName().toString());
    }

    public Path corpusFile() {
        return folder.resolve("corpus.jsonl");
    }

    public List<Document> corpus() throws IOException {
        List<Document> docs = new ArrayList<>();
        forEachJsonLine(corpusFile(), n -> docs.add(new Document(n.path("_id").asString(), n.path("title").asString(""),
                n.path("text").asString(""))));
        return docs;
    }

    public Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        forEachJsonLine(folder.resolve("queries.jsonl"), n -> queries.put(n.path("_id").asString(), n.path("text").asString()));
        return queries;
    }

    /** Relevance grades by query id, then document id. */
    public Map<String, Map<String, Integer>> qrels(String split) throws IOException {
        Path file = folder.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no qrels for split '" + split + "' in " + folder.resolve("qrels"));
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\t");
            if (cols.length < 3 || (i == 0 && !cols[2].strip().matches("-?\\d+"))) {
                continue; // header or blank line
            }
            qrels.computeIfAbsent(cols[0].strip(), q -> new LinkedHashMap<>())
                    .put(cols[1].strip(), Integer.parseInt(cols[2].strip()));
        }
        return qrels;
    }

    private static void forEachJsonLine(Path file, java.util.function.Consumer<JsonNode> action) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    action.accept(json.readTree(line));
                }
            }
        }
    }
}
