package org.labrador.models.ollama;

import java.util.List;
import java.util.Objects;

/**
 * Whether the chat model can answer now, and if not, what the user should do.
 *
 * @param baseUrl the Ollama server asked
 * @param model   the model wanted
 * @param state   the outcome
 * @param version the server's version, or "" if it did not answer
 * @param notice  one sentence telling the user the exact fix; "" when {@link State#READY}
 */
public record ModelStatus(String baseUrl, String model, State state, String version, String notice) {

    /** What a status check found. */
    public enum State {
        /** The server answers and has the model. */
        READY,
        /** No server answers at the address (connection refused or timed out). */
        UNREACHABLE,
        /** The server answers but the model has not been pulled. */
        MODEL_MISSING
    }

    public ModelStatus {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        version = version == null ? "" : version;
        notice = notice == null ? "" : notice;
    }

    public static ModelStatus ready(String baseUrl, String model, String version) {
        return new ModelStatus(baseUrl, model, State.READY, version, "");
    }

    public static ModelStatus unreachable(String baseUrl, String model) {
        return new ModelStatus(baseUrl, model, State.UNREACHABLE, "",
                "No Ollama server answers at " + baseUrl + ". Start one with `ollama serve` and pull the model with `ollama pull "
                        + model + "`, or set labrador.ollama.base-url.");
    }

    /** @param installed the names of the models the server has, for the user to choose from */
    public static ModelStatus modelMissing(String baseUrl, String model, String version, List<String> installed) {
        String choices = installed.isEmpty() ? "(no models pulled yet)" : String.join(", ", installed);
        return new ModelStatus(baseUrl, model, State.MODEL_MISSING, version,
                "Ollama is running at " + baseUrl + " but the model " + model + " is not pulled. Run `ollama pull "
                        + model + "`, or set labrador.ollama.model to one of: " + choices + ".");
    }

    public boolean ready() {
        return state == State.READY;
    }
}
