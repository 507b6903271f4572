package io.llmops.tool.control.builtin;

import io.llmops.tool.control.CallableTool;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentTimeToolTest {

    private final CallableTool tool = Builtins.bind("time", "current_time",
            new CurrentTimeTool(Clock.fixed(Instant.parse("2026-11-25T18:30:00Z"), ZoneOffset.UTC)), Map.of());

    @Test
    void answersTheTimeInTheAskedZone() throws Exception {
        assertThat(tool.call("{\"timezone\":\"Asia/Shanghai\"}")).isEqualTo("2026-11-26 02:30:00 Thursday (Asia/Shanghai)");
    }

    @Test
    void defaultsToUtc() throws Exception {
        assertThat(tool.call("{}")).isEqualTo("2026-11-25 18:30:00 Wednesday (UTC)");
        assertThat(tool.call("")).endsWith("(UTC)");
    }

    @Test
    void unknownZoneAndBadArgumentsAreClearErrors() {
        assertThatThrownBy(() -> tool.call("{\"timezone\":\"Mars/Olympus\"}")).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> tool.call("not json")).hasMessageContaining("JSON object");
    }

    @Test
    void specificationDescribesTheTimezoneParameter() {
        assertThat(tool.specification().name()).isEqualTo("current_time");
        assertThat(tool.specification().parameters().properties()).containsKey("timezone");
    }
}
