package io.llmops.model.control;

import io.llmops.platform.error.ApiException;

import java.util.List;
import java.util.Map;

/** A model call that failed for good ({@code model_error}), remembering how it was classified. */
public final class ModelCallFailed extends ApiException {

    private final transient ModelErrors.Failure failure;

    ModelCallFailed(int status, String detail, ModelErrors.Failure failure) {
        super(status, "model_error", detail, List.of(), Map.of());
        this.failure = failure;
    }

    public ModelErrors.Failure failure() {
        return failure;
    }
}
