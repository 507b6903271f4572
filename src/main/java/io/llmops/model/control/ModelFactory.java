package io.llmops.model.control;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicModelCatalog;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.azure.AzureOpenAiEmbeddingModel;
import dev.langchain4j.model.azure.AzureOpenAiStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiModelCatalog;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.SsrfGuard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds LangChain4j chat and streaming chat models for a provider and model of the catalogue with a
 * workspace's credentials: parameters are the catalogue's defaults overlaid with the given ones and
 * kept within the model's rules ({@link ModelParameters}); the base URL comes from the credentials
 * when they name one; LangChain4j's own retries are off and every model is wrapped in our
 * {@link RetryPolicy} ({@link RetryingChatModel}, {@link RetryingStreamingChatModel}), so failures
 * are retried once, in one way, and surface as {@code model_error}. Every request goes to an address
 * the {@link SsrfGuard} allows: a base URL on a private, loopback or metadata address needs the
 * operator's allow-list ({@code ssrf_blocked} otherwise).
 *
 * <p>One LangChain4j module per provider kind: open-ai (OpenAI and every OpenAI-compatible
 * endpoint), azure-open-ai (on the Azure SDK's JDK HttpClient transport), anthropic,
 * google-ai-gemini and ollama.
 */
public final class ModelFactory implements AutoCloseable {

    private final ModelCatalog catalog;
    private final Duration timeout;
    /** One JDK client for every model built here ({@link ModelHttpClient}); closed with the factory. */
    private final java.net.http.HttpClient http;
    private final RetryPolicy retry;
    /** Asked before every request a model built here makes ({@link ModelHttpClient}, {@link AzureHttpClientProvider}). */
    private final SsrfGuard guard;

    public ModelFactory(ModelCatalog catalog, Duration timeout, RetryPolicy retry, SsrfGuard guard) {
        this.catalog = catalog;
        this.timeout = timeout;
        this.http = ModelHttpClient.sharedClient(timeout);
        this.retry = retry;
        this.guard = guard;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** A blocking chat model; unknown provider or model → 404, provider errors → {@code model_error}. */
    public ChatModel chatModel(String provider, String model, ProviderCredentials credentials, Map<String, ?> parameters) {
        Target target = target(provider, model, credentials, parameters);
        return new RetryingChatModel(buildChat(target), retry, target.describe());
    }

    /** A streaming chat model whose failures are retried only before its first token. */
    public StreamingChatModel streamingChatModel(String provider, String model, ProviderCredentials credentials,
                                                 Map<String, ?> parameters) {
        Target target = target(provider, model, credentials, parameters);
        return new RetryingStreamingChatModel(buildStreaming(target), retry, target.describe());
    }

    /**
     * An embedding model of an OpenAI or Azure OpenAI provider (Azure: the deployment named like the
     * model), under the same retry policy as chat. The chat catalogue is not consulted: the knowledge
     * feature keeps its own list of embedding models.
     */
    public EmbeddingModel embeddingModel(String provider, String model, ProviderCredentials credentials) {
        ProviderSpec spec = catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Model provider"));
        String baseUrl = baseUrl(spec, credentials);
        String key = credentials.apiKey();
        EmbeddingModel built = switch (spec.kind()) {
            case "openai", "openai_compatible" -> OpenAiEmbeddingModel.builder().httpClientBuilder(httpClients()).baseUrl(baseUrl).apiKey(key)
                    .modelName(model).timeout(timeout).maxRetries(0).build();
            case "azure_openai" -> AzureOpenAiEmbeddingModel.builder().endpoint(baseUrl).apiKey(key)
                    .serviceVersion(credentials.apiVersion()).deploymentName(model)
                    .httpClientProvider(new AzureHttpClientProvider(guard)).timeout(timeout).maxRetries(0).build();
            default -> throw ApiException.badRequest("embedding_model_unavailable",
                    "Model provider " + spec.name() + " has no embedding models here");
        };
        return new RetryingEmbeddingModel(built, retry, spec.name() + "/" + model + " (embeddings)");
    }

    /**
     * Checks credentials with one cheap call: the provider's model list where it has one, else a
     * one-token chat. Refused or unreachable → 400 {@code model_credentials_invalid} with the
     * provider's message; a provider that is down or rate-limiting → {@code model_error}.
     */
    public void validate(String provider, ProviderCredentials credentials) {
        ProviderSpec spec = catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Model provider"));
        String baseUrl = baseUrl(spec, credentials);
        String key = credentials.apiKey();
        try {
            retry.call(spec.name() + " (credential check)", () -> {
                switch (spec.kind()) {
                    case "openai", "openai_compatible" -> OpenAiModelCatalog.builder().httpClientBuilder(httpClients())
                            .baseUrl(baseUrl).apiKey(key).connectTimeout(timeout).readTimeout(timeout).build().listModels();
                    case "anthropic" -> AnthropicModelCatalog.builder().httpClientBuilder(httpClients())
                            .baseUrl(baseUrl).apiKey(key).timeout(timeout).build().listModels();
                    case "gemini" -> GoogleAiGeminiModelCatalog.builder().httpClientBuilder(httpClients())
                            .baseUrl(baseUrl).apiKey(key).timeout(timeout).build().listModels();
                    case "ollama" -> OllamaModels.builder().httpClientBuilder(httpClients())
                            .baseUrl(baseUrl).timeout(timeout).maxRetries(0).build().availableModels();
                    case "azure_openai" -> buildChat(target(provider, azureProbeModel(spec, credentials), credentials,
                            Map.of(ModelParameters.MAX_TOKENS, 1))).chat("ping");
                    default -> throw new IllegalStateException("unknown provider kind " + spec.kind());
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw ModelErrors.toValidationException(e);
        }
    }

    /**
     * Refuses credentials whose base URL (or the provider's default) the SSRF guard refuses: 400
     * {@code ssrf_blocked} naming {@code base_url}. A name that does not resolve passes — it may only
     * resolve where the platform runs later; the calls then report it.
     */
    public void checkEndpoint(String provider, ProviderCredentials credentials) {
        ProviderSpec spec = catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Model provider"));
        OutboundBlockedException blocked = ModelHttpClient.refusal(guard, baseUrl(spec, credentials));
        if (blocked != null) {
            throw new ApiException(400, OutboundBlockedException.CODE, ModelErrors.blockedMessage(blocked.getMessage()),
                    List.of(new FieldError(ProviderCredentials.BASE_URL, blocked.getMessage())), Map.of());
        }
    }

    private static String azureProbeModel(ProviderSpec spec, ProviderCredentials credentials) {
        if (credentials.deployment() != null) {
            return credentials.deployment();
        }
        return spec.models().isEmpty() ? "gpt-4o-mini" : spec.models().getFirst().name();
    }

    /** Everything one model build needs, resolved and checked. */
    record Target(ProviderSpec provider, ModelSpec model, ProviderCredentials credentials, String baseUrl,
                  ModelParameters parameters) {
        String describe() {
            return provider.name() + "/" + model.name();
        }
    }

    Target target(String provider, String model, ProviderCredentials credentials, Map<String, ?> parameters) {
        ProviderSpec spec = catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Model provider"));
        ModelSpec modelSpec = spec.model(model).orElseThrow(() -> ApiException.notFound("Model"));
        return new Target(spec, modelSpec, credentials, baseUrl(spec, credentials),
                ModelParameters.resolve(modelSpec, parameters));
    }

    private static String baseUrl(ProviderSpec spec, ProviderCredentials credentials) {
        String url = credentials.baseUrl() != null ? credentials.baseUrl() : spec.defaultBaseUrl();
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("model_credentials_missing",
                    "Model provider " + spec.name() + " needs a base_url in this workspace's credentials");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private dev.langchain4j.http.client.HttpClientBuilder httpClients() {
        return ModelHttpClient.builder(http, guard);
    }

    /** Closes the shared HTTP client (its selector thread and pooled connections). */
    @Override
    public void close() {
        http.close();
    }

    private ChatModel buildChat(Target t) {
        ChatRequestParameters params = requestParameters(t);
        String key = t.credentials().apiKey();
        return switch (t.provider().kind()) {
            case "openai", "openai_compatible" -> OpenAiChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).maxRetries(0).defaultRequestParameters(params).build();
            case "azure_openai" -> AzureOpenAiChatModel.builder().endpoint(t.baseUrl()).apiKey(key)
                    .serviceVersion(azureVersion(t)).deploymentName(azureDeployment(t))
                    .httpClientProvider(new AzureHttpClientProvider(guard)).timeout(timeout).maxRetries(0)
                    .defaultRequestParameters(params).build();
            case "anthropic" -> AnthropicChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).maxRetries(0).defaultRequestParameters(params).build();
            case "gemini" -> GoogleAiGeminiChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).maxRetries(0).defaultRequestParameters(params).build();
            case "ollama" -> OllamaChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl())
                    .timeout(timeout).maxRetries(0).defaultRequestParameters(params).build();
            default -> throw new IllegalStateException("unknown provider kind " + t.provider().kind());
        };
    }

    /** The same as {@link #buildChat} for streaming (which LangChain4j never retries itself). */
    private StreamingChatModel buildStreaming(Target t) {
        ChatRequestParameters params = requestParameters(t);
        String key = t.credentials().apiKey();
        return switch (t.provider().kind()) {
            case "openai", "openai_compatible" -> OpenAiStreamingChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).defaultRequestParameters(params).build();
            case "azure_openai" -> AzureOpenAiStreamingChatModel.builder().endpoint(t.baseUrl()).apiKey(key)
                    .serviceVersion(azureVersion(t)).deploymentName(azureDeployment(t))
                    .httpClientProvider(new AzureHttpClientProvider(guard)).timeout(timeout).maxRetries(0)
                    .defaultRequestParameters(params).build();
            case "anthropic" -> AnthropicStreamingChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).defaultRequestParameters(params).build();
            case "gemini" -> GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl()).apiKey(key)
                    .timeout(timeout).defaultRequestParameters(params).build();
            case "ollama" -> OllamaStreamingChatModel.builder().httpClientBuilder(httpClients()).baseUrl(t.baseUrl())
                    .timeout(timeout).defaultRequestParameters(params).build();
            default -> throw new IllegalStateException("unknown provider kind " + t.provider().kind());
        };
    }

    /**
     * The model name and the resolved parameters in LangChain4j's provider-neutral form, which every
     * module maps to its own wire names; only parameters the model's rules list are set.
     */
    private static ChatRequestParameters requestParameters(Target t) {
        ModelParameters p = t.parameters();
        if (usesMaxCompletionTokens(t)) {
            return samplingParameters(OpenAiChatRequestParameters.builder(), t)
                    .maxCompletionTokens(p.whole(ModelParameters.MAX_TOKENS)).build();
        }
        return samplingParameters(ChatRequestParameters.builder(), t)
                .maxOutputTokens(p.whole(ModelParameters.MAX_TOKENS)).build();
    }

    private static <B extends DefaultChatRequestParameters.Builder<?>> B samplingParameters(B builder, Target t) {
        ModelParameters p = t.parameters();
        builder.modelName(t.model().name())
                .temperature(p.decimal(ModelParameters.TEMPERATURE))
                .topP(p.decimal(ModelParameters.TOP_P))
                .presencePenalty(p.decimal(ModelParameters.PRESENCE_PENALTY))
                .frequencyPenalty(p.decimal(ModelParameters.FREQUENCY_PENALTY));
        return builder;
    }

    /** OpenAI's own API takes {@code max_completion_tokens} (required by its reasoning models); compatible ones {@code max_tokens}. */
    private static boolean usesMaxCompletionTokens(Target t) {
        return "openai".equals(t.provider().kind());
    }

    /** The credentials' API version, else (null) the newest the Azure SDK knows. */
    private static String azureVersion(Target t) {
        return t.credentials().apiVersion();
    }

    /** Azure serves models by deployment: the credentials' deployment when set, else a deployment named like the model. */
    private static String azureDeployment(Target t) {
        return t.credentials().deployment() != null ? t.credentials().deployment() : t.model().name();
    }

    @Override
    public String toString() {
        return "ModelFactory[timeout=" + timeout + ", " + retry + "]";
    }
}
