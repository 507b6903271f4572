package io.llmops.tool.control.builtin;

import io.llmops.testing.FakeUpstreams;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.llmops.testing.FakeUpstreams.JSON;
import static io.llmops.testing.FakeUpstreams.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GaodeWeatherToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final GaodeWeatherTool weather = new GaodeWeatherTool(FakeUpstreams.outboundHttp(), fake.baseUrl());
    private final CallableTool tool = Builtins.bind("gaode", "weather", weather, Map.of("api_key", "amap-key-123"));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void cityNameBecomesAnAdcodeAndLiveWeatherIsAnswered() throws Exception {
        fake.respond("/v3/config/district", 200, JSON, resource("upstreams/amap-district.json"))
                .respond("/v3/weather/weatherInfo", 200, JSON, resource("upstreams/amap-weather-live.json"));

        String answer = tool.call("{\"city\":\"杭州\"}");

        assertThat(answer).isEqualTo("浙江 杭州市: 多云, 14°C, wind 东北 ≤3, humidity 72% (reported 2026-11-25 19:32:04)");
        assertThat(fake.lastRequest("/v3/config/district").query()).contains("keywords=杭州").contains("key=amap-key-123");
        assertThat(fake.lastRequest("/v3/weather/weatherInfo").query()).contains("city=330100").contains("extensions=base");
    }

    @Test
    void forecastListsEachDay() throws Exception {
        fake.respond("/v3/config/district", 200, JSON, resource("upstreams/amap-district.json"))
                .respond("/v3/weather/weatherInfo", 200, JSON, resource("upstreams/amap-weather-forecast.json"));

        String answer = tool.call("{\"city\":\"Hangzhou\",\"type\":\"forecast\"}");

        assertThat(answer).startsWith("浙江 杭州市 forecast (reported 2026-11-25 19:32:04):")
                .contains("2026-11-26: day 小雨 13°C, night 小雨 9°C, wind 北 1-3");
        assertThat(fake.lastRequest("/v3/weather/weatherInfo").query()).contains("extensions=all");
    }

    @Test
    void unknownCityIsAnAnswer() throws Exception {
        fake.respond("/v3/config/district", 200, JSON, resource("upstreams/amap-district-none.json"));

        assertThat(tool.call("{\"city\":\"Atlantis\"}")).isEqualTo("No city called \"Atlantis\" is known to Amap.");
    }

    @Test
    void amapErrorsMissingKeyAndBadKindAreClearToolErrors() {
        fake.respond("/v3/config/district", 200, JSON, resource("upstreams/amap-invalid-key.json"));
        assertThatThrownBy(() -> tool.call("{\"city\":\"杭州\"}")).isInstanceOf(ToolException.class)
                .hasMessage("Amap refused the request: INVALID_USER_KEY (10001)");

        fake.respond("/v3/config/district", 500, "text/html", "<html>bad gateway</html>");
        assertThatThrownBy(() -> tool.call("{\"city\":\"杭州\"}")).hasMessage("Amap answered HTTP 500");

        fake.respond("/v3/config/district", 200, JSON, "{not json");
        assertThatThrownBy(() -> tool.call("{\"city\":\"杭州\"}")).hasMessage("Amap answered something that is not a JSON object");

        assertThatThrownBy(() -> tool.call("{\"city\":\"杭州\",\"type\":\"hourly\"}")).hasMessage("parameter 'type' must be one of live, forecast");

        CallableTool keyless = Builtins.bind("gaode", "weather", weather, Map.of());
        assertThatThrownBy(() -> keyless.call("{\"city\":\"杭州\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store the gaode provider's credentials");
    }
}
