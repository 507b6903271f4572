package io.llmops.tool.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.llmops.platform.json.JsonbProvider;
import jakarta.json.bind.JsonbException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Built-in {@code time.current_time}: the current date and time in an IANA time zone (default UTC). */
public final class CurrentTimeTool implements CallableTool {

    public static final String PROVIDER = "time";
    public static final String NAME = "current_time";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss EEEE");

    private final Clock clock;

    public CurrentTimeTool(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder()
                .name(NAME)
                .description("Get the current date, time and weekday in a time zone")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("timezone", "IANA time zone such as Asia/Shanghai or Europe/Paris; default UTC")
                        .build())
                .build();
    }

    @Override
    public String call(String argumentsJson) {
        String zone = "UTC";
        try {
            Map<?, ?> arguments = argumentsJson == null || argumentsJson.isBlank()
                    ? Map.of() : JsonbProvider.shared().fromJson(argumentsJson, Map.class);
            if (arguments != null && arguments.get("timezone") instanceof String given && !given.isBlank()) {
                zone = given.strip();
            }
        } catch (JsonbException e) {
            throw new IllegalArgumentException("arguments must be a JSON object");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + zone);
        }
        return ZonedDateTime.now(clock.withZone(zoneId)).format(FORMAT) + " (" + zoneId.getId() + ")";
    }
}
