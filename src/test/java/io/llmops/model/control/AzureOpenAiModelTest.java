package io.llmops.model.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.platform.error.ApiException;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeOpenAiServer.Reply;
import io.llmops.testing.LoopbackTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The azure-open-ai module (Azure SDK on its JDK HttpClient transport) against the fake over TLS:
 * the SDK refuses to send a key over plain HTTP, so this test trusts a throw-away loopback certificate.
 */
class AzureOpenAiModelTest {

    private static final String KEY = "azure-key-0123456789abcdef";
    private static SSLContext previousDefault;
    private static FakeOpenAiServer fake;

    private final ModelCatalog catalog = ModelCatalog.fromClasspath();
    private final ModelFactory factory = new ModelFactory(catalog, Duration.ofSeconds(10),
            new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(10)), ModelFactoryTest.GUARD);

    @BeforeAll
    static void startTlsFake() throws Exception {
        LoopbackTls tls = LoopbackTls.create();
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(tls.client());
        fake = FakeOpenAiServer.startHttps(tls.server()).apiKey(KEY);
    }

    @AfterAll
    static void stopTlsFake() {
        fake.close();
        SSLContext.setDefault(previousDefault);
    }

    private ProviderCredentials credentials(String key) {
        return ProviderCredentials.of(catalog.provider("azure_openai").orElseThrow(), Map.of("api_key", key,
                "base_url", fake.rootUrl(), "api_version", "2024-06-01", "deployment", "prod-4o"));
    }

    @Test
    void chatGoesToTheDeploymentWithKeyVersionAndParameters() {
        fake.reset().enqueue(Reply.answer("Hello from Azure"));

        String answer = factory.chatModel("azure_openai", "gpt-4o", credentials(KEY), Map.of("temperature", 0.3))
                .chat("Hi");

        assertThat(answer).isEqualTo("Hello from Azure");
        FakeOpenAiServer.RecordedRequest request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/openai/deployments/prod-4o/chat/completions");
        assertThat(request.query()).contains("api-version=2024-06-01");
        assertThat(request.header("api-key")).isEqualTo(KEY);
        JsonNode body = request.json();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.85);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void embeddingsGoToTheDeploymentNamedLikeTheModel() {
        fake.reset();

        float[] vector = factory.embeddingModel("azure_openai", "text-embedding-3-large", credentials(KEY))
                .embed("Pandas live in bamboo forests").content().vector();

        assertThat(vector).hasSize(3072);
        FakeOpenAiServer.RecordedRequest request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/openai/deployments/text-embedding-3-large/embeddings");
        assertThat(request.query()).contains("api-version=2024-06-01");
        assertThat(request.header("api-key")).isEqualTo(KEY);
        assertThat(request.json().path("input").get(0).asText()).isEqualTo("Pandas live in bamboo forests");
    }

    @Test
    void streamingWorksThroughTheSdk() throws Exception {
        fake.reset().enqueue(Reply.stream("Hel", "lo"));
        ModelFactoryTest.Collector collector = new ModelFactoryTest.Collector();

        factory.streamingChatModel("azure_openai", "gpt-4o", credentials(KEY), Map.of()).chat("Hi", collector);

        assertThat(collector.done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello");
        assertThat(collector.tokens).containsExactly("Hel", "lo");
    }

    @Test
    void anEndpointOnAnAddressTheAllowListDoesNotNameIsRefusedBeforeAnyRequest() throws Exception {
        fake.reset();
        ProviderCredentials internal = ProviderCredentials.of(catalog.provider("azure_openai").orElseThrow(),
                Map.of("api_key", KEY, "base_url", fake.rootUrl().replace(FakeOpenAiServer.HOST, "127.0.0.1"),
                        "api_version", "2024-06-01", "deployment", "prod-4o"));

        assertThatThrownBy(() -> factory.chatModel("azure_openai", "gpt-4o", internal, Map.of()).chat("Hi"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ssrf_blocked"));
        ModelFactoryTest.Collector collector = new ModelFactoryTest.Collector();
        factory.streamingChatModel("azure_openai", "gpt-4o", internal, Map.of()).chat("Hi", collector);
        assertThatThrownBy(() -> collector.done.get(10, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(((ApiException) e.getCause()).code()).isEqualTo("ssrf_blocked"));
        assertThatThrownBy(() -> factory.embeddingModel("azure_openai", "text-embedding-3-large", internal).embed("x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ssrf_blocked"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void refusedKeyIsAModelErrorWithTheProvidersMessageAndNotRetried() {
        fake.reset();

        assertThatThrownBy(() -> factory.chatModel("azure_openai", "gpt-4o", credentials("azure-wrong-0123456789"),
                Map.of()).chat("Hi"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("model_error");
                    assertThat(e.getMessage()).contains("401").contains("Incorrect API key provided");
                });
        assertThat(fake.chatRequests()).hasSize(1);
        assertThatThrownBy(() -> factory.validate("azure_openai", credentials("azure-wrong-0123456789")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("model_credentials_invalid"));
    }

    @Test
    void serverErrorIsRetriedOnce() {
        fake.reset().enqueue(Reply.error(500, "boom"), Reply.answer("second time"));

        assertThat(factory.chatModel("azure_openai", "gpt-4o", credentials(KEY), Map.of()).chat("Hi")).isEqualTo("second time");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void streamThatFallsSilentHalfwayTimesOut() {
        ModelFactory impatient = new ModelFactory(catalog, Duration.ofMillis(500), RetryPolicy.none(), ModelFactoryTest.GUARD);
        fake.reset().enqueue(Reply.stream("first", " second").chunkDelayMillis(3000));
        ModelFactoryTest.Collector collector = new ModelFactoryTest.Collector();

        impatient.streamingChatModel("azure_openai", "gpt-4o", credentials(KEY), Map.of()).chat("Hi", collector);

        assertThatThrownBy(() -> collector.done.get(2500, TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("model_error"));
        impatient.close();
    }
}
