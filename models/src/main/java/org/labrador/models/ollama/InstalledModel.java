package org.labrador.models.ollama;

import java.util.List;

/**
 * One model an Ollama server has, as {@code GET /api/tags} describes it.
 *
 * @param name       the name to ask for ({@code qwen2.5-coder:7b})
 * @param model      the model's own name; the same as {@code name} for pulled models
 * @param modifiedAt when it was pulled or changed (ISO-8601), "" if unknown
 * @param size       bytes on disk
 * @param digest     content digest (hex)
 * @param details    format, family and size class
 */
public record InstalledModel(String name, String model, String modifiedAt, long size, String digest, Details details) {

    /** Ollama's {@code details} object; strings are "" and lists empty when unknown. */
    public record Details(String parentModel, String format, String family, List<String> families,
                          String parameterSize, String quantizationLevel) {

        public Details {
            parentModel = parentModel == null ? "" : parentModel;
            format = format == null ? "" : format;
            family = family == null ? "" : family;
            families = families == null ? List.of() : List.copyOf(families);
            parameterSize = parameterSize == null ? "" : parameterSize;
            quantizationLevel = quantizationLevel == null ? "" : quantizationLevel;
        }
    }

    public InstalledModel {
        name = name == null ? "" : name;
        model = model == null || model.isEmpty() ? name : model;
        modifiedAt = modifiedAt == null ? "" : modifiedAt;
        digest = digest == null ? "" : digest;
        details = details == null ? new Details(null, null, null, null, null, null) : details;
    }
}
