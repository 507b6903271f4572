package io.llmops.platform.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Bean-validation failures become 400 validation_failed with one entry per field, named as in JSON. */
@Provider
public class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return Problems.response(Problems.of(400, "validation_failed", "The request has invalid fields", errors, null),
                Map.of());
    }

    /** The JSON (snake_case) name of the violated property; "body" when the whole body is missing. */
    static String fieldName(ConstraintViolation<?> violation) {
        String property = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                property = property == null ? node.getName() : property + "." + node.getName();
            }
        }
        return property == null ? "body" : SnakeCase.of(property);
    }
}
