package org.labrador.models.openai;

import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.models.ModelListing;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelUnavailableException;

/**
 * The models of an OpenAI-compatible server ({@code GET /v1/models}), described as Ollama's model
 * list does, so that IDE plugins asking Labrador's Ollama endpoints see them. The protocol says
 * little of a model: {@code /api/show} gets its name and the configured context window only.
 */
public final class OpenAiModels implements ModelListing {

    private final OpenAiSettings settings;
    private final OpenAiModelCatalog catalog;

    public OpenAiModels(OpenAiSettings settings) {
        this.settings = settings;
        this.catalog = OpenAiModelCatalog.builder().baseUrl(settings.baseUrl()).apiKey(settings.keyOrPlaceholder())
                .connectTimeout(settings.healthTimeout()).readTimeout(settings.healthTimeout()).build();
    }

    @Override
    public List<InstalledModel> list() throws ModelUnavailableException {
        List<InstalledModel> out = new ArrayList<>();
        for (ModelDescription model : descriptions()) {
            out.add(new InstalledModel(model.name(), model.name(),
                    model.createdAt() == null ? "" : model.createdAt().toString(), 0, "", null));
        }
        return out;
    }

    @Override
    public Optional<Map<String, Object>> show(String model) throws ModelUnavailableException {
        for (ModelDescription description : descriptions()) {
            if (description.name().equals(model)) {
                Map<String, Object> show = new LinkedHashMap<>();
                show.put("details", Map.of("format", "", "family", ""));
                show.put("model_info", Map.of("general.architecture", "", "context_length", settings.contextTokens()));
                show.put("capabilities", List.of("completion"));
                return Optional.of(show);
            }
        }
        return Optional.empty();
    }

    private List<ModelDescription> descriptions() throws ModelUnavailableException {
        try {
            return catalog.listModels();
        } catch (RuntimeException e) {
            throw new ModelUnavailableException("The model server at " + settings.baseUrl() + " did not list its models: "
                    + e.getMessage(), e);
        }
    }
}
