package io.llmops.tool.control;

import io.llmops.platform.json.JsonbProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored JSON forms of tool parameters and of provider credentials (the latter sealed before storage). */
public final class ApiToolJson {

    private ApiToolJson() {
    }

    public static String parameters(List<ApiParameter> parameters) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ApiParameter p : parameters) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", p.name());
            map.put("in", p.in());
            map.put("type", p.type());
            map.put("items_type", p.itemsType());
            map.put("required", p.required());
            map.put("description", p.description());
            map.put("enum_values", p.enumValues());
            map.put("default_value", p.defaultValue());
            list.add(map);
        }
        return JsonbProvider.shared().toJson(list);
    }

    public static List<ApiParameter> parameters(String json) {
        List<?> list = JsonbProvider.shared().fromJson(json, List.class);
        List<ApiParameter> parameters = new ArrayList<>();
        for (Object item : list) {
            Map<?, ?> map = (Map<?, ?>) item;
            parameters.add(new ApiParameter(text(map.get("name")), text(map.get("in")), text(map.get("type")),
                    text(map.get("items_type")), Boolean.TRUE.equals(map.get("required")), text(map.get("description")),
                    map.get("enum_values") instanceof List<?> values ? new ArrayList<>(values) : List.of(),
                    map.get("default_value")));
        }
        return parameters;
    }

    public static String credentials(ApiCredentials credentials) {
        List<Map<String, String>> headers = credentials.headers().stream()
                .map(h -> Map.of("key", h.key(), "value", h.value())).toList();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", credentials.auth().type());
        auth.put("name", credentials.auth().name());
        auth.put("value", credentials.auth().value());
        return JsonbProvider.shared().toJson(Map.of("headers", headers, "auth", auth));
    }

    public static ApiCredentials credentials(String json) {
        Map<?, ?> document = JsonbProvider.shared().fromJson(json, Map.class);
        List<ApiCredentials.Header> headers = new ArrayList<>();
        if (document.get("headers") instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> map = (Map<?, ?>) item;
                headers.add(new ApiCredentials.Header(text(map.get("key")), text(map.get("value"))));
            }
        }
        ApiCredentials.Auth auth = ApiCredentials.Auth.NONE;
        if (document.get("auth") instanceof Map<?, ?> map && map.get("type") != null) {
            auth = new ApiCredentials.Auth(text(map.get("type")), text(map.get("name")), text(map.get("value")));
        }
        return new ApiCredentials(headers, auth);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
