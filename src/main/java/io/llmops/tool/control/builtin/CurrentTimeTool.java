package io.llmops.tool.control.builtin;


import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Built-in {@code time.current_time}: the current date and time in an IANA time zone (default UTC). */
public final class CurrentTimeTool implements BuiltinTool {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss EEEE");

    private final Clock clock;

    public CurrentTimeTool(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) {
        String zone = arguments.string("timezone");
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + zone);
        }
        return ZonedDateTime.now(clock.withZone(zoneId)).format(FORMAT) + " (" + zoneId.getId() + ")";
    }
}
