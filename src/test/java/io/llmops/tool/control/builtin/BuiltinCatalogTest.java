package io.llmops.tool.control.builtin;

import io.llmops.testing.FakeUpstreams;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinCatalogTest {

    private final BuiltinCatalog catalog = Builtins.CATALOG;

    @Test
    void everyCatalogueToolHasAnImplementationAndEveryImplementationIsListed() {
        Set<String> listed = new HashSet<>();
        catalog.providers().forEach(p -> p.tools().forEach(t -> listed.add(p.name() + "." + t.name())));

        Map<String, BuiltinTool> kit = BuiltinToolKit.create(FakeUpstreams.outboundHttp(), BaseUrls.defaults(), Clock.systemUTC());

        assertThat(kit.keySet()).containsExactlyInAnyOrderElementsOf(listed).containsExactlyInAnyOrder(
                "time.current_time", "duckduckgo.search", "gaode.weather", "dalle.dalle3", "wikipedia.search",
                "webpage.read", "google.serper");
    }

    @Test
    void functionNamesAreUniqueAndModelSafe() {
        List<String> names = catalog.providers().stream().flatMap(p -> p.tools().stream()).map(BuiltinToolSpec::functionName).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z][a-z0-9_]{0,63}"));
    }

    @Test
    void providersHaveACategoryAnIconAndWellFormedParameters() {
        Set<String> categories = new HashSet<>();
        catalog.categories().forEach(c -> categories.add(c.name()));
        for (BuiltinProviderSpec provider : catalog.providers()) {
            assertThat(categories).as(provider.name()).contains(provider.category());
            assertThat(getClass().getClassLoader().getResource("tool/icons/" + provider.name() + ".svg")).as(provider.name()).isNotNull();
            for (BuiltinToolSpec tool : provider.tools()) {
                assertThat(tool.description()).isNotBlank();
                assertThat(tool.output()).isNotBlank();
                for (BuiltinToolSpec.Parameter parameter : tool.parameters()) {
                    assertThat(parameter.type()).isIn("string", "integer", "number", "boolean");
                    assertThat(parameter.description()).as(parameter.name()).isNotBlank();
                    assertThat(parameter.required() && parameter.defaultValue() != null).as(parameter.name()).isFalse();
                    if (parameter.options() != null && parameter.defaultValue() != null) {
                        assertThat(parameter.options()).contains(String.valueOf(parameter.defaultValue()));
                    }
                }
            }
        }
    }

    @Test
    void credentialSchemasNameTheKeysTheToolsRead() {
        assertThat(catalog.provider("gaode").orElseThrow().needsCredentials()).isTrue();
        assertThat(catalog.provider("dalle").orElseThrow().credentialFields())
                .extracting(BuiltinProviderSpec.CredentialField::name).containsExactly("api_key", "base_url");
        assertThat(catalog.provider("google").orElseThrow().credentialFields().getFirst().secret()).isTrue();
        assertThat(catalog.provider("wikipedia").orElseThrow().needsCredentials()).isFalse();
    }
}
