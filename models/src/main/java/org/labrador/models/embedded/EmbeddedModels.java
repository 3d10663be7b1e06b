package org.labrador.models.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.models.ModelListing;
import org.labrador.models.ollama.InstalledModel;

/**
 * The embedded engine's models, described as Ollama describes its own: the name, the file's size
 * and time, the architecture as the family, and in {@code /api/show} the chat template and the
 * window the engine runs with as the context length (what a plugin may fill). The digest is a
 * SHA-256 of the file's path, size and time, not of its content (hashing gigabytes for a model
 * list would take seconds). Thread-safe.
 */
public final class EmbeddedModels implements ModelListing {

    private final List<EmbeddedEngine> engines;

    public EmbeddedModels(List<EmbeddedEngine> engines) {
        this.engines = List.copyOf(engines);
    }

    /** One entry per engine, whether its model is loaded or not (its status says). */
    @Override
    public List<InstalledModel> list() {
        List<InstalledModel> out = new ArrayList<>();
        for (EmbeddedEngine engine : engines) {
            out.add(entry(engine));
        }
        return out;
    }

    @Override
    public Optional<Map<String, Object>> show(String model) {
        for (EmbeddedEngine engine : engines) {
            if (EmbeddedEngine.sameModel(model, engine.name())) {
                return Optional.of(show(engine));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> show(EmbeddedEngine engine) {
        InstalledModel entry = entry(engine);
        String architecture = entry.details().family().isEmpty() ? "llama" : entry.details().family();
        int window = engine.contextWindow().tokens();
        Map<String, Object> show = new LinkedHashMap<>();
        show.put("license", "");
        show.put("modelfile", "# run by Labrador's embedded llama.cpp\n");
        show.put("parameters", "num_ctx                        " + window);
        show.put("template", engine.metadata().flatMap(GgufMetadata::chatTemplate).orElse(""));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("parent_model", "");
        details.put("format", "gguf");
        details.put("family", architecture);
        details.put("families", List.of(architecture));
        details.put("parameter_size", "");
        details.put("quantization_level", "");
        show.put("details", details);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("general.architecture", architecture);
        info.put(architecture + ".context_length", window);
        show.put("model_info", info);
        show.put("capabilities", List.of("completion"));
        show.put("modified_at", entry.modifiedAt());
        return show;
    }

    private static InstalledModel entry(EmbeddedEngine engine) {
        long size = 0;
        String modified = "";
        try {
            if (engine.settings().modelFile() == null) {
                throw new IOException("no file");
            }
            size = Files.size(engine.settings().modelFile());
            FileTime time = Files.getLastModifiedTime(engine.settings().modelFile());
            modified = time.toInstant().toString();
        } catch (IOException e) {
            // a missing file: listed all the same, so that plugins can be set up; its status says what is wrong
        }
        String family = engine.metadata().map(GgufMetadata::architecture).orElse("");
        return new InstalledModel(engine.name(), engine.name(), modified, size,
                sha256(engine.settings().modelFile() + "\n" + size + "\n" + modified),
                new InstalledModel.Details("", "gguf", family, family.isEmpty() ? List.of() : List.of(family), "", ""));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
