package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Built-in {@code gaode.weather}: the city name becomes an adcode through Amap's district API
 * ({@code /v3/config/district}), then {@code /v3/weather/weatherInfo} answers the live weather
 * ({@code extensions=base}) or the forecast ({@code extensions=all}). Amap answers HTTP 200 with
 * {@code status "0"} on errors, so the status field is checked too.
 */
public final class GaodeWeatherTool implements BuiltinTool {

    private final Upstream upstream;
    private final String baseUrl;

    public GaodeWeatherTool(OutboundHttp http, String baseUrl) {
        this.upstream = new Upstream(http, "Amap");
        this.baseUrl = BaseUrls.trim(baseUrl);
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        String key = credentials.get("api_key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Amap weather needs an API key: store the gaode provider's credentials first");
        }
        String city = arguments.string("city");
        JsonObject districts = get("/v3/config/district?subdistrict=0&keywords=" + encode(city) + "&key=" + encode(key));
        JsonArray found = districts.getJsonArray("districts");
        if (found == null || found.isEmpty() || !(found.get(0) instanceof JsonObject district)
                || district.getString("adcode", "").isBlank()) {
            return "No city called \"" + city + "\" is known to Amap.";
        }
        boolean forecast = "forecast".equals(arguments.string("type"));
        JsonObject weather = get("/v3/weather/weatherInfo?city=" + district.getString("adcode")
                + "&extensions=" + (forecast ? "all" : "base") + "&key=" + encode(key));
        return forecast ? forecast(weather, city) : live(weather, city);
    }

    private JsonObject get(String pathAndQuery) throws IOException {
        JsonObject body = upstream.json(upstream.send(OutboundRequest.get(URI.create(baseUrl + pathAndQuery))));
        if (!"1".equals(text(body, "status"))) {
            throw upstream.failure("refused the request: " + text(body, "info") + " (" + text(body, "infocode") + ")");
        }
        return body;
    }

    private static String live(JsonObject weather, String city) {
        JsonArray lives = weather.getJsonArray("lives");
        if (lives == null || lives.isEmpty()) {
            return "Amap has no live weather for " + city + ".";
        }
        JsonObject now = lives.getJsonObject(0);
        return text(now, "province") + " " + text(now, "city") + ": " + text(now, "weather")
                + ", " + text(now, "temperature") + "°C, wind " + text(now, "winddirection") + " " + text(now, "windpower")
                + ", humidity " + text(now, "humidity") + "% (reported " + text(now, "reporttime") + ")";
    }

    private static String forecast(JsonObject weather, String city) {
        JsonArray forecasts = weather.getJsonArray("forecasts");
        if (forecasts == null || forecasts.isEmpty()) {
            return "Amap has no forecast for " + city + ".";
        }
        JsonObject first = forecasts.getJsonObject(0);
        StringBuilder out = new StringBuilder(text(first, "province") + " " + text(first, "city") + " forecast (reported "
                + text(first, "reporttime") + "):");
        JsonArray casts = first.getJsonArray("casts");
        for (JsonValue value : casts == null ? JsonValue.EMPTY_JSON_ARRAY : casts) {
            JsonObject day = value.asJsonObject();
            out.append('\n').append(text(day, "date")).append(": day ").append(text(day, "dayweather"))
                    .append(' ').append(text(day, "daytemp")).append("°C, night ").append(text(day, "nightweather"))
                    .append(' ').append(text(day, "nighttemp")).append("°C, wind ").append(text(day, "daywind"))
                    .append(' ').append(text(day, "daypower"));
        }
        return out.toString();
    }

    /** A field as text whatever its JSON type (Amap sends empty arrays for missing strings). */
    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL || value instanceof JsonArray) {
            return "";
        }
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
