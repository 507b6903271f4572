package io.llmops.model.control;

import io.llmops.platform.error.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model: what it can do ({@code tool_call}, {@code stream}, {@code vision}), its context size,
 * the rules its parameters follow and its price per million tokens.
 */
public record ModelSpec(String name, String label, Set<String> features, int contextSize,
                        List<ParameterRule> parameterRules, Pricing pricing) {

    public static final String TOOL_CALL = "tool_call";
    public static final String STREAM = "stream";
    public static final String VISION = "vision";

    /** A numeric parameter's default and bounds (inclusive); {@code type} is "float" or "int". */
    public record ParameterRule(String name, String type, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
    }

    /** Price per million input and output tokens. */
    public record Pricing(BigDecimal input, BigDecimal output, String currency) {
    }

    public ModelSpec {
        features = features == null ? Set.of() : Set.copyOf(features);
        parameterRules = parameterRules == null ? List.of() : List.copyOf(parameterRules);
    }

    public boolean supports(String feature) {
        return features.contains(feature);
    }

    ModelSpec named(String newName) {
        return new ModelSpec(newName, newName, features, contextSize, parameterRules, pricing);
    }

    /**
     * Field errors for parameters that are unknown, not numbers, not whole where they must be, or out
     * of bounds; {@code prefix} is the JSON path of the parameters object (e.g. {@code model_config.parameters}).
     */
    public List<FieldError> check(Map<String, ?> parameters, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (parameters == null) {
            return errors;
        }
        parameters.forEach((key, value) -> {
            String field = prefix + "." + key;
            ParameterRule rule = parameterRules.stream().filter(r -> r.name().equals(key)).findFirst().orElse(null);
            if (rule == null) {
                errors.add(new FieldError(field, "is not a parameter of " + name));
                return;
            }
            BigDecimal number = asNumber(value);
            if (number == null) {
                errors.add(new FieldError(field, "must be a number"));
            } else if ("int".equals(rule.type()) && number.stripTrailingZeros().scale() > 0) {
                errors.add(new FieldError(field, "must be a whole number"));
            } else if ((rule.min() != null && number.compareTo(rule.min()) < 0)
                    || (rule.max() != null && number.compareTo(rule.max()) > 0)) {
                errors.add(new FieldError(field, "must be between " + rule.min().toPlainString() + " and "
                        + rule.max().toPlainString()));
            }
        });
        return errors;
    }

    /** The rules' defaults overlaid with the given (already checked) parameters. */
    public Map<String, BigDecimal> withDefaults(Map<String, ?> parameters) {
        Map<String, BigDecimal> effective = new LinkedHashMap<>();
        for (ParameterRule rule : parameterRules) {
            if (rule.defaultValue() != null) {
                effective.put(rule.name(), rule.defaultValue());
            }
        }
        if (parameters != null) {
            parameters.forEach((key, value) -> {
                BigDecimal number = asNumber(value);
                if (number != null) {
                    effective.put(key, number);
                }
            });
        }
        return effective;
    }

    /** Cost of a call in the pricing's currency. */
    public BigDecimal price(long promptTokens, long completionTokens) {
        if (pricing == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        return pricing.input().multiply(BigDecimal.valueOf(promptTokens))
                .add(pricing.output().multiply(BigDecimal.valueOf(completionTokens)))
                .divide(million, 8, java.math.RoundingMode.HALF_UP);
    }

    private static BigDecimal asNumber(Object value) {
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return null;
    }
}
