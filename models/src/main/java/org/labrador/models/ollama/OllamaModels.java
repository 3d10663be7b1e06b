package org.labrador.models.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.models.response.ModelMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labrador.models.BoundedHttp;

/**
 * What models an Ollama server has ({@code GET /api/tags}) and what it says about one of them
 * ({@code POST /api/show}), through the ollama4j client. Calls are short (the given timeout)
 * because IDE plugins ask for model lists while the user waits. Thread-safe.
 *
 * <p>ollama4j 1.1.6 reads only some of Ollama's fields: it drops {@code details.parent_model} (""
 * for every pulled model) and, in {@code /api/show}, {@code model_info} (the context length among
 * others) and {@code modified_at}. {@code model_info} is read with a call of its own
 * ({@link OllamaModelInfo}); callers fill in the others. (ollama4j's next release reads
 * {@code model_info} as {@code ModelDetail.getModelInfo()}; it is not on Maven Central yet.)
 */
public final class OllamaModels implements org.labrador.models.ModelListing {

    private final String baseUrl;
    private final Ollama client;
    private final OllamaModelInfo modelInfo;

    public OllamaModels(String baseUrl, Duration timeout) {
        this.baseUrl = OllamaClients.stripTrailingSlash(baseUrl);
        this.client = OllamaClients.create(this.baseUrl, timeout);
        this.modelInfo = new OllamaModelInfo(this.baseUrl, timeout);
    }

    /** The server's models. @throws ModelUnavailableException if the server does not answer in time */
    @Override
    public List<InstalledModel> list() throws ModelUnavailableException {
        List<Model> models;
        try {
            models = client.listModels();
        } catch (OllamaException e) {
            throw unreachable(e);
        }
        List<InstalledModel> out = new ArrayList<>();
        for (Model m : models == null ? List.<Model>of() : models) {
            out.add(installed(m));
        }
        return out;
    }

    /**
     * Ollama's {@code /api/show} answer for a model as JSON values ({@code license},
     * {@code modelfile}, {@code parameters}, {@code template}, {@code system}, {@code details},
     * {@code model_info}, {@code capabilities}), or empty if the server does not have the model.
     *
     * @throws ModelUnavailableException if the server does not answer in time
     */
    @Override
    public Optional<Map<String, Object>> show(String model) throws ModelUnavailableException {
        ModelDetail detail;
        try {
            detail = client.getModelDetails(model);
        } catch (OllamaException e) {
            // ollama4j gives no status; the model list tells "not there" from "no server".
            if (list().stream().noneMatch(m -> OllamaChat.sameModel(model, m.name()))) {
                return Optional.empty();
            }
            throw new ModelUnavailableException("Ollama at " + baseUrl + " did not describe " + model + ": "
                    + BoundedHttp.shortened(String.valueOf(e.getMessage())), e);
        }
        Map<String, Object> show = new LinkedHashMap<>();
        putIfPresent(show, "license", detail.getLicense());
        putIfPresent(show, "modelfile", detail.getModelFile());
        putIfPresent(show, "parameters", detail.getParameters());
        putIfPresent(show, "template", detail.getTemplate());
        putIfPresent(show, "system", detail.getSystem());
        if (detail.getDetails() != null) {
            show.put("details", details(detail.getDetails()));
        }
        modelInfo.of(model).ifPresent(info -> show.put("model_info", info));
        if (detail.getCapabilities() != null) {
            show.put("capabilities", List.of(detail.getCapabilities()));
        }
        return Optional.of(show);
    }

    private ModelUnavailableException unreachable(OllamaException e) {
        return new ModelUnavailableException("No Ollama server answers at " + baseUrl + ": "
                + BoundedHttp.shortened(String.valueOf(e.getMessage())), e);
    }

    private static InstalledModel installed(Model m) {
        ModelMeta d = m.getModelMeta();
        return new InstalledModel(m.getName(), m.getModel(), m.getModifiedAt() == null ? "" : m.getModifiedAt().toString(),
                m.getSize(), m.getDigest(), d == null ? null
                        : new InstalledModel.Details("", d.getFormat(), d.getFamily(),
                                d.getFamilies() == null ? List.of() : Arrays.asList(d.getFamilies()),
                                d.getParameterSize(), d.getQuantizationLevel()));
    }

    /** Ollama's {@code details} object, as {@code /api/show} and {@code /api/tags} write it. */
    private static Map<String, Object> details(ModelMeta d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parent_model", "");
        out.put("format", orEmpty(d.getFormat()));
        out.put("family", orEmpty(d.getFamily()));
        out.put("families", d.getFamilies() == null ? List.of() : List.of(d.getFamilies()));
        out.put("parameter_size", orEmpty(d.getParameterSize()));
        out.put("quantization_level", orEmpty(d.getQuantizationLevel()));
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
