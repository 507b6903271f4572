package io.llmops.model.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.platform.outbound.SsrfGuard;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real LangChain4j models against the loopback fake: what reaches the wire, and how failures are retried. */
class ModelFactoryTest {

    private static final String KEY = "sk-test-0123456789abcdef";

    private final FakeOpenAiServer fake = FakeOpenAiServer.start().apiKey(KEY);
    private final ModelCatalog catalog = ModelCatalog.fromClasspath();
    /** Allows the fake's address only, as the integration tests' allow-list does. */
    static final SsrfGuard GUARD = new SsrfGuard(FakeOpenAiServer.HOST);

    private final ModelFactory factory = new ModelFactory(catalog, Duration.ofSeconds(5),
            new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)), GUARD);

    @AfterEach
    void stop() {
        fake.close();
        factory.close();
    }

    private ProviderCredentials credentials(String provider, String key) {
        return ProviderCredentials.of(catalog.provider(provider).orElseThrow(),
                Map.of(ProviderCredentials.API_KEY, key, ProviderCredentials.BASE_URL, fake.baseUrl()));
    }

    private ChatModel openAi(Map<String, ?> parameters) {
        return factory.chatModel("openai", "gpt-4o-mini", credentials("openai", KEY), parameters);
    }

    private StreamingChatModel streamingOpenAi() {
        return factory.streamingChatModel("openai", "gpt-4o-mini", credentials("openai", KEY), Map.of());
    }

    @Test
    void catalogueDefaultsAndGivenParametersReachTheWire() {
        fake.enqueue(Reply.answer("Hi there"));

        String answer = openAi(Map.of("temperature", 0.9)).chat("Hello");

        assertThat(answer).isEqualTo("Hi there");
        JsonNode body = fake.lastRequest().json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.9);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.85);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_completion_tokens").asInt()).isPositive();
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Hello");
        assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void parametersAreKeptWithinTheirRules() {
        openAi(Map.of("temperature", 7, "max_tokens", 10_000_000, "top_k", 3)).chat("Hello");

        JsonNode body = fake.lastRequest().json();
        assertThat(body.path("temperature").asDouble()).isEqualTo(2.0);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(16384);
        assertThat(body.has("top_k")).isFalse();
    }

    @Test
    void compatibleProvidersUseTheirBaseUrlAndMaxTokens() {
        ChatModel deepseek = factory.chatModel("deepseek", "deepseek-chat", credentials("deepseek", KEY),
                Map.of("max_tokens", 77));

        deepseek.chat("Hello");

        JsonNode body = fake.lastRequest().json();
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(body.path("model").asText()).isEqualTo("deepseek-chat");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        fake.enqueue(Reply.error(500, "boom"), Reply.answer("recovered"));

        assertThat(openAi(Map.of()).chat("Hello")).isEqualTo("recovered");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void authenticationFailureIsNotRetried() {
        ChatModel model = factory.chatModel("openai", "gpt-4o-mini", credentials("openai", "sk-wrong-key-000000"), Map.of());

        assertThatThrownBy(() -> model.chat("Hello"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("model_error");
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("401").contains("Incorrect API key provided");
                    assertThat(e.getMessage()).doesNotContain("sk-wrong-key-000000");
                });
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void rateLimitBecomesUnavailableAfterTheLastRetry() {
        fake.enqueue(Reply.error(429, "slow down"), Reply.error(429, "slow down"), Reply.error(429, "slow down"),
                Reply.answer("never sent"));

        assertThatThrownBy(() -> openAi(Map.of()).chat("Hello"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("model_error");
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("slow down");
                });
        assertThat(fake.chatRequests()).hasSize(3);
    }

    @Test
    void invalidRequestIsNotRetried() {
        fake.enqueue(Reply.error(400, "context too long"), Reply.answer("never sent"));

        assertThatThrownBy(() -> openAi(Map.of()).chat("Hello"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("context too long"));
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void slowProviderTimesOut() {
        ModelFactory impatient = new ModelFactory(catalog, Duration.ofMillis(300), RetryPolicy.none(), GUARD);
        fake.enqueue(Reply.answer("late").initialDelayMillis(2000));
        ChatModel model = impatient.chatModel("openai", "gpt-4o-mini", credentials("openai", KEY), Map.of());

        assertThatThrownBy(() -> model.chat("Hello"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("model_error");
                    assertThat(e.getMessage()).contains("did not answer in time");
                });
    }

    @Test
    void silentStreamTimesOutBeforeItsFirstByte() {
        ModelFactory impatient = new ModelFactory(catalog, Duration.ofMillis(300), RetryPolicy.none(), GUARD);
        fake.enqueue(Reply.stream("late").initialDelayMillis(2000));
        Collector collector = new Collector();

        impatient.streamingChatModel("openai", "gpt-4o-mini", credentials("openai", KEY), Map.of()).chat("Hello", collector);

        assertThatThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("in time"));
        assertThat(collector.tokens).isEmpty();
    }

    @Test
    void streamThatFallsSilentHalfwayTimesOutWithWhatItHadSent() {
        ModelFactory impatient = new ModelFactory(catalog, Duration.ofMillis(300), RetryPolicy.none(), GUARD);
        fake.enqueue(Reply.stream("first", " second").chunkDelayMillis(2000));
        Collector collector = new Collector();

        impatient.streamingChatModel("openai", "gpt-4o-mini", credentials("openai", KEY), Map.of()).chat("Hello", collector);

        assertThatThrownBy(() -> collector.done.get(1500, TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("model_error");
                    assertThat(e.getMessage()).contains("in time");
                });
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void toolCallsComeBackAsExecutionRequests() {
        fake.enqueue(Reply.toolCalls(new FakeOpenAiServer.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new FakeOpenAiServer.ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")));

        ChatResponse response = openAi(Map.of()).chat(ChatRequest.builder()
                .messages(UserMessage.from("Weather in Paris and Rome?"))
                .toolSpecifications(weatherTool())
                .build());

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertThat(calls).extracting(ToolExecutionRequest::id).containsExactly("call_1", "call_2");
        assertThat(calls).extracting(ToolExecutionRequest::name).containsOnly("get_weather");
        assertThat(calls.get(1).arguments()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(fake.lastRequest().json().path("tools").get(0).path("function").path("name").asText())
                .isEqualTo("get_weather");
    }

    @Test
    void streamDeliversTokensAndUsage() throws Exception {
        fake.enqueue(Reply.stream("Hel", "lo", "!").chunkDelayMillis(5).usage(11, 3));
        Collector collector = new Collector();

        streamingOpenAi().chat("Hello", collector);

        ChatResponse response = collector.done.get(5, TimeUnit.SECONDS);
        assertThat(collector.tokens).containsExactly("Hel", "lo", "!");
        assertThat(response.aiMessage().text()).isEqualTo("Hello!");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(11);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
        assertThat(fake.lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamedToolCallDeltasAreAssembled() throws Exception {
        fake.enqueue(Reply.toolCalls(new FakeOpenAiServer.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new FakeOpenAiServer.ToolCall("call_2", "get_time", "{\"zone\":\"Europe/Rome\"}")).chunkDelayMillis(2));
        Collector collector = new Collector();

        streamingOpenAi().chat(ChatRequest.builder().messages(UserMessage.from("Weather?"))
                .toolSpecifications(weatherTool()).build(), collector);

        List<ToolExecutionRequest> calls = collector.done.get(5, TimeUnit.SECONDS).aiMessage().toolExecutionRequests();
        assertThat(calls).extracting(ToolExecutionRequest::name).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(ToolExecutionRequest::arguments)
                .containsExactly("{\"city\":\"Paris\"}", "{\"zone\":\"Europe/Rome\"}");
        assertThat(collector.done.get().finishReason()).hasToString("TOOL_EXECUTION");
    }

    @Test
    void streamIsRetriedWhenItFailsBeforeTheFirstToken() throws Exception {
        fake.enqueue(Reply.error(503, "overloaded"), Reply.stream("ok"));
        Collector collector = new Collector();

        streamingOpenAi().chat("Hello", collector);

        assertThat(collector.done.get(5, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("ok");
        assertThat(collector.tokens).containsExactly("ok");
        assertThat(fake.chatRequests()).hasSize(2);
    }

    @Test
    void streamIsNotRetriedOnceATokenWasSent() throws Exception {
        fake.enqueue(Reply.stream("first ", "second ", "third").cutAfter(1), Reply.stream("must not be sent"));
        Collector collector = new Collector();

        streamingOpenAi().chat("Hello", collector);

        assertThatThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("model_error"));
        assertThat(collector.tokens).containsExactly("first ");
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void streamAuthenticationFailureIsNotRetried() throws Exception {
        StreamingChatModel model = factory.streamingChatModel("openai", "gpt-4o-mini",
                credentials("openai", "sk-wrong-key-000000"), Map.of());
        Collector collector = new Collector();

        model.chat("Hello", collector);

        assertThatThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("401"));
        assertThat(fake.chatRequests()).hasSize(1);
    }

    @Test
    void validationAcceptsAGoodKeyAndRefusesAWrongOne() {
        factory.validate("openai", credentials("openai", KEY));
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/models");

        assertThatThrownBy(() -> factory.validate("openai", credentials("openai", "sk-wrong-key-000000")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("model_credentials_invalid");
                    assertThat(e.getMessage()).contains("Incorrect API key provided");
                });
    }

    @Test
    void validationRefusesAnUnreachableEndpoint() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProviderCredentials nowhere = ProviderCredentials.of(catalog.provider("openai_compatible").orElseThrow(),
                Map.of(ProviderCredentials.BASE_URL, "http://" + FakeOpenAiServer.HOST + ":" + closedPort + "/v1"));

        assertThatThrownBy(() -> factory.validate("openai_compatible", nowhere))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("model_credentials_invalid"));
    }

    @Test
    void unknownProviderOrModelIsNotFound() {
        assertThatThrownBy(() -> factory.chatModel("nope", "x", ProviderCredentials.none(), Map.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> factory.chatModel("openai", "gpt-0", ProviderCredentials.none(), Map.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void everyProviderKindBuildsBothModels() {
        for (ProviderSpec provider : catalog.providers()) {
            ModelSpec model = provider.models().isEmpty() ? provider.model("custom-model").orElseThrow()
                    : provider.models().getFirst();
            ProviderCredentials credentials = ProviderCredentials.of(provider, Map.of(
                    ProviderCredentials.API_KEY, KEY, ProviderCredentials.BASE_URL, "https://models.example.com/v1"));
            assertThat(factory.chatModel(provider.name(), model.name(), credentials, Map.of())).isNotNull();
            assertThat(factory.streamingChatModel(provider.name(), model.name(), credentials, Map.of())).isNotNull();
        }
    }

    @Test
    void modelsRefuseInternalAddressesTheAllowListDoesNotNameWithoutRetrying() throws Exception {
        for (String url : List.of("http://127.0.0.1:" + fake.rootUrl().replaceAll(".*:", "") + "/v1",
                "http://169.254.169.254/v1", "http://[::1]:1/v1", "http://10.0.0.7/v1", "file:///etc/passwd")) {
            ProviderCredentials internal = ProviderCredentials.of(catalog.provider("openai").orElseThrow(),
                    Map.of(ProviderCredentials.API_KEY, KEY, ProviderCredentials.BASE_URL, url));

            assertThatThrownBy(() -> factory.chatModel("openai", "gpt-4o-mini", internal, Map.of()).chat("hi"))
                    .as(url).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("ssrf_blocked");
                        assertThat(e.getMessage()).contains("LLMOPS_SSRF_ALLOWLIST");
                    });
            Collector collector = new Collector();
            factory.streamingChatModel("openai", "gpt-4o-mini", internal, Map.of()).chat("hi", collector);
            assertThatThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS)).as(url)
                    .hasCauseInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e.getCause()).code()).isEqualTo("ssrf_blocked"));
            assertThatThrownBy(() -> factory.validate("openai", internal)).as(url)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ssrf_blocked"));
            assertThatThrownBy(() -> factory.checkEndpoint("openai", internal)).as(url)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("ssrf_blocked");
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("base_url");
                    });
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotResolveYetCanBeStored() {
        ProviderCredentials later = ProviderCredentials.of(catalog.provider("openai").orElseThrow(),
                Map.of(ProviderCredentials.API_KEY, KEY, ProviderCredentials.BASE_URL, "https://models.invalid/v1"));

        factory.checkEndpoint("openai", later);
        factory.checkEndpoint("openai", ProviderCredentials.of(catalog.provider("openai").orElseThrow(),
                Map.of(ProviderCredentials.API_KEY, KEY, ProviderCredentials.BASE_URL, fake.baseUrl())));
    }

    private static ToolSpecification weatherTool() {
        return ToolSpecification.builder().name("get_weather").description("Current weather")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
    }

    @Test
    void aStreamTellsItsCallerOnceWhenItsRequestIsOutWhileTheModelStillThinks() throws Exception {
        fake.whenEmpty(Reply.stream("late", " answer").initialDelayMillis(800));
        AtomicInteger announcements = new AtomicInteger();
        CompletableFuture<Void> announced = new CompletableFuture<>();
        Collector collector = new Collector();

        ScopedValue.where(ModelHttpClient.REQUEST_SENT, () -> {
            announcements.incrementAndGet();
            announced.complete(null);
        }).run(() -> streamingOpenAi().chat("question", collector));

        announced.get(5, TimeUnit.SECONDS);
        assertThat(collector.tokens).isEmpty();
        assertThat(collector.done).isNotDone();
        assertThat(collector.done.get(5, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("late answer");
        assertThat(announcements).hasValue(1);
    }

    @Test
    void aStreamWhoseRequestCannotGoOutStillTellsItsCaller() throws Exception {
        ProviderCredentials unreachable = ProviderCredentials.of(catalog.provider("openai").orElseThrow(),
                Map.of(ProviderCredentials.API_KEY, KEY, ProviderCredentials.BASE_URL, "http://" + FakeOpenAiServer.HOST + ":1/v1"));
        AtomicInteger announcements = new AtomicInteger();
        Collector collector = new Collector();

        ScopedValue.where(ModelHttpClient.REQUEST_SENT, announcements::incrementAndGet).run(() ->
                factory.streamingChatModel("openai", "gpt-4o-mini", unreachable, Map.of()).chat("question", collector));

        assertThatThrownBy(() -> collector.done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(announcements).hasValue(1);
    }

    /** Collects a stream's tokens and its end. */
    @Test
    void manyOpenStreamsHoldNoPlatformThread() throws Exception {
        int streams = 300;   // more than the common pool would ever add for blocked readers (256)
        fake.whenEmpty(Reply.stream("slow", " answer").initialDelayMillis(1500));
        List<Collector> collectors = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Collector collector = new Collector();
            collectors.add(collector);
            streamingOpenAi().chat("question " + i, collector);
        }

        for (Collector collector : collectors) {
            assertThat(collector.done.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("slow answer");
            assertThat(collector.onVirtualThreads).isTrue();
        }
    }

    static final class Collector implements StreamingChatResponseHandler {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        volatile boolean onVirtualThreads = true;
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            onVirtualThreads &= Thread.currentThread().isVirtual();
            tokens.add(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }
}
