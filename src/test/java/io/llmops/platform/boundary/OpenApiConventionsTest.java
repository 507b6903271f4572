package io.llmops.platform.boundary;

import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiConventionsTest {

    /** No MicroProfile OpenAPI implementation is on the test classpath, so a map-backed Schema stands in. */
    private static final class FakeSchema {
        final Map<String, Object> values = new HashMap<>();
        final List<String> setters = new ArrayList<>();
        final Schema schema = (Schema) Proxy.newProxyInstance(Schema.class.getClassLoader(),
                new Class<?>[]{Schema.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("get") && (args == null || args.length == 0)) {
                        return values.get(name.substring(3));
                    }
                    if (name.startsWith("set") && args != null && args.length == 1) {
                        setters.add(name);
                        values.put(name.substring(3), args[0]);
                        return null;
                    }
                    if (name.equals("toString")) {
                        return "FakeSchema" + values;
                    }
                    throw new UnsupportedOperationException(name);
                });
    }

    private static Schema property() {
        return new FakeSchema().schema;
    }

    private final OpenApiConventions conventions = new OpenApiConventions();

    @Test
    void propertyNamesBecomeSnakeCaseInOrder() {
        FakeSchema fake = new FakeSchema();
        Schema avatar = property();
        Schema id = property();
        Schema size = property();
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("avatarUrl", avatar);
        properties.put("id", id);
        properties.put("pageSize", size);
        fake.values.put("Properties", properties);

        Schema result = conventions.filterSchema(fake.schema);

        assertThat(result).isSameAs(fake.schema);
        assertThat(result.getProperties()).containsExactly(
                Map.entry("avatar_url", avatar), Map.entry("id", id), Map.entry("page_size", size));
    }

    @Test
    void requiredNamesBecomeSnakeCase() {
        FakeSchema fake = new FakeSchema();
        fake.values.put("Required", List.of("pageSize", "id"));

        conventions.filterSchema(fake.schema);

        assertThat(fake.schema.getRequired()).containsExactly("page_size", "id");
    }

    @Test
    void schemaWithoutPropertiesIsLeftAlone() {
        FakeSchema fake = new FakeSchema();
        fake.values.put("Properties", Map.of());
        fake.values.put("Required", List.of());

        conventions.filterSchema(fake.schema);
        conventions.filterSchema(new FakeSchema().schema);

        assertThat(fake.setters).isEmpty();
    }

    @Test
    void operationIdsComeFromMethodAndPath() {
        assertThat(OpenApiConventions.operationId("GET", "/api/workspaces/{workspace_id}/members"))
                .isEqualTo("get_api_workspaces_workspace_id_members");
        assertThat(OpenApiConventions.operationId("POST", "/api/auth/login")).isEqualTo("post_api_auth_login");
        assertThat(OpenApiConventions.operationId("GET", "/")).isEqualTo("get");
    }
}
