package io.llmops.model.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a model is built with: the catalogue's defaults overlaid with the given values,
 * each kept within its rule (clamped to min/max, whole numbers rounded). Names without a rule and
 * values that are not numbers are left out: apps validate on write ({@link ModelSpec#check}), and a
 * rule narrowed later must not break an app saved before.
 */
public final class ModelParameters {

    public static final String TEMPERATURE = "temperature";
    public static final String TOP_P = "top_p";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String PRESENCE_PENALTY = "presence_penalty";
    public static final String FREQUENCY_PENALTY = "frequency_penalty";

    private final Map<String, BigDecimal> values;

    private ModelParameters(Map<String, BigDecimal> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static ModelParameters resolve(ModelSpec model, Map<String, ?> given) {
        Map<String, Object> known = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((name, value) -> {
                if (model.parameterRules().stream().anyMatch(r -> r.name().equals(name))) {
                    known.put(name, value);
                }
            });
        }
        Map<String, BigDecimal> effective = new LinkedHashMap<>();
        model.withDefaults(known).forEach((name, value) -> {
            ModelSpec.ParameterRule rule = model.parameterRules().stream().filter(r -> r.name().equals(name))
                    .findFirst().orElseThrow();
            effective.put(name, bounded(rule, value));
        });
        return new ModelParameters(effective);
    }

    private static BigDecimal bounded(ModelSpec.ParameterRule rule, BigDecimal value) {
        BigDecimal v = value;
        if (rule.min() != null && v.compareTo(rule.min()) < 0) {
            v = rule.min();
        }
        if (rule.max() != null && v.compareTo(rule.max()) > 0) {
            v = rule.max();
        }
        return "int".equals(rule.type()) ? v.setScale(0, RoundingMode.HALF_UP) : v;
    }

    public Map<String, BigDecimal> values() {
        return values;
    }

    /** The value as a Double, or null when the model has no such parameter. */
    public Double decimal(String name) {
        BigDecimal v = values.get(name);
        return v == null ? null : v.doubleValue();
    }

    /** The value as an Integer, or null when the model has no such parameter. */
    public Integer whole(String name) {
        BigDecimal v = values.get(name);
        return v == null ? null : v.intValueExact();
    }

    @Override
    public String toString() {
        return "ModelParameters" + values;
    }
}
