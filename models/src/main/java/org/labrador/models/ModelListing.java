package org.labrador.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.models.ollama.InstalledModel;
import org.labrador.models.ollama.ModelUnavailableException;

/**
 * The models a backend offers, as Ollama's {@code GET /api/tags} and {@code POST /api/show}
 * describe them: an Ollama server ({@link org.labrador.models.ollama.OllamaModels}) or the engine
 * inside this process ({@link org.labrador.models.embedded.EmbeddedModels}). Thread-safe.
 */
public interface ModelListing {

    /** The models. @throws ModelUnavailableException if the backend does not answer in time */
    List<InstalledModel> list() throws ModelUnavailableException;

    /**
     * What {@code /api/show} says of a model, as JSON values ({@code template}, {@code parameters},
     * {@code details}, {@code model_info}, {@code capabilities}, …), or empty if there is no such model.
     *
     * @throws ModelUnavailableException if the backend does not answer in time
     */
    Optional<Map<String, Object>> show(String model) throws ModelUnavailableException;
}
