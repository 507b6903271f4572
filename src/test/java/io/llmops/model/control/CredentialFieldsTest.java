package io.llmops.model.control;

import io.llmops.platform.error.FieldError;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialFieldsTest {

    private final ModelCatalog catalog = ModelCatalog.fromClasspath();
    private final ProviderSpec openai = catalog.provider("openai").orElseThrow();
    private final ProviderSpec azure = catalog.provider("azure_openai").orElseThrow();

    @Test
    void longSecretsKeepTheirEndsShortOnesNothing() {
        assertThat(CredentialFields.mask("sk-proj-1234567890abcd")).isEqualTo("sk-****abcd");
        assertThat(CredentialFields.mask("sk-12345678")).isEqualTo("****");
        assertThat(CredentialFields.mask("123456789012")).isEqualTo("123****9012");
        assertThat(CredentialFields.mask(null)).isEqualTo("****");
    }

    @Test
    void onlySecretFieldsAreMaskedAndToStringShowsNoSecret() {
        ProviderCredentials credentials = ProviderCredentials.of(azure, Map.of("api_key", "azure-key-0123456789",
                "base_url", "https://res.openai.azure.com", "deployment", "prod-4o"));

        assertThat(credentials.masked()).containsEntry("api_key", "azu****6789")
                .containsEntry("base_url", "https://res.openai.azure.com").containsEntry("deployment", "prod-4o");
        assertThat(credentials.toString()).doesNotContain("azure-key-0123456789").contains("azu****6789");
    }

    @Test
    void aValidDocumentHasNoErrors() {
        assertThat(CredentialFields.check(openai, Map.of("api_key", "sk-1", "base_url", "http://127.0.0.1:9/v1",
                "validate", true), List.of("validate"))).isEmpty();
    }

    @Test
    void unknownMissingAndMalformedFieldsAreNamed() {
        Map<String, Object> document = new HashMap<>();
        document.put("base_url", "ftp://example.com");
        document.put("organization", "acme");
        document.put("api_version", 3);

        assertThat(CredentialFields.check(openai, document, List.of()))
                .extracting(FieldError::field).containsExactly("api_key", "api_version", "base_url", "organization");
    }

    @Test
    void baseUrlMustBeHttpWithAHostAndNoUserInfo() {
        assertThat(CredentialFields.isHttpUrl("https://api.deepseek.com")).isTrue();
        assertThat(CredentialFields.isHttpUrl("http://localhost:11434")).isTrue();
        assertThat(CredentialFields.isHttpUrl("file:///etc/passwd")).isFalse();
        assertThat(CredentialFields.isHttpUrl("javascript:alert(1)")).isFalse();
        assertThat(CredentialFields.isHttpUrl("https://user:pw@example.com")).isFalse();
        assertThat(CredentialFields.isHttpUrl("not a url")).isFalse();
    }

    @Test
    void azureApiVersionMustBeOneTheSdkKnows() {
        assertThat(CredentialFields.check(azure, Map.of("api_key", "k", "base_url", "https://r.openai.azure.com",
                "api_version", "2024-06-01"), List.of())).isEmpty();
        assertThat(CredentialFields.check(azure, Map.of("api_key", "k", "base_url", "https://r.openai.azure.com",
                "api_version", "1999-01-01"), List.of())).extracting(FieldError::field).containsExactly("api_version");
    }
}
