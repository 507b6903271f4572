package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Datasets embedded by OpenAI models (Azure: choosable with Azure credentials; its calls need HTTPS and are
 * proven in AzureOpenAiModelTest) through the workspace's model credentials, against
 * a fake OpenAI-compatible server on loopback: refused without credentials, segments and queries
 * embedded remotely with the workspace's key, identical text embedded once, provider failures
 * answered as {@code model_error} with nothing stored.
 */
@ExtendWith(LlmopsServer.class)
class RemoteEmbeddingsIT {

    static final String KEY = "sk-embedding-test-key";
    static FakeOpenAiServer fake;
    final Api api = new Api();
    Session session;

    @BeforeAll
    static void startFake() {
        fake = FakeOpenAiServer.start().apiKey(KEY);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void newAccount() {
        fake.reset();
        session = api.register();
    }

    private Reply createDataset(String name, String provider, String model) {
        return api.post("/api/datasets", session.accessToken(),
                object("name", name, "embedding_provider", provider, "embedding_model", model));
    }

    private String manualDocument(String datasetId) {
        return api.get("/api/datasets/" + datasetId + "/documents", session.accessToken()).json()
                .path("items").get(0).path("id").asText();
    }

    private Reply addSegment(String datasetId, String content) {
        return api.post("/api/datasets/" + datasetId + "/documents/" + manualDocument(datasetId) + "/segments",
                session.accessToken(), object("content", content));
    }

    private List<String> semanticHits(String datasetId, String query) {
        ObjectNode body = object("query", query, "retrieval_strategy", "semantic");
        body.put("k", 3).put("score", 0.0);
        Reply reply = api.post("/api/datasets/" + datasetId + "/hit", session.accessToken(), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        reply.json().path("hits").forEach(h -> contents.add(h.path("content").asText()));
        return contents;
    }

    @Test
    void openAiEmbeddingsNeedTheWorkspacesCredentialsAndAreUsedForSegmentsAndQueries() {
        Reply refused = createDataset("no-credentials", "openai", "text-embedding-3-small");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("embedding_model");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("credentials");

        Reply unknown = createDataset("unknown", "openai", "text-embedding-9");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("openai/text-embedding-3-small");

        assertThat(api.put("/api/model-providers/openai/credentials", session.accessToken(),
                object("api_key", KEY, "base_url", fake.baseUrl())).status()).isEqualTo(200);
        Reply created = createDataset("openai-embedded", "openai", "text-embedding-3-small");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("embedding_provider").asText()).isEqualTo("openai");
        String datasetId = created.json().path("id").asText();

        assertThat(addSegment(datasetId, "The espresso machine needs descaling every three months").status()).isEqualTo(201);
        assertThat(addSegment(datasetId, "Mount Everest is the highest mountain on Earth").status()).isEqualTo(201);
        assertThat(semanticHits(datasetId, "how often descaling the espresso machine").getFirst()).contains("espresso");
        assertThat(semanticHits(datasetId, "highest mountain").getFirst()).contains("Everest");

        List<FakeOpenAiServer.RecordedRequest> calls = fake.embeddingRequests();
        assertThat(calls).hasSize(4);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.header("authorization")).isEqualTo("Bearer " + KEY);
            assertThat(call.json().path("model").asText()).isEqualTo("text-embedding-3-small");
        });

        // identical text in another dataset of the same model: served from the embedding cache
        String second = createDataset("openai-embedded-2", "openai", "text-embedding-3-small").json().path("id").asText();
        assertThat(addSegment(second, "Mount Everest is the highest mountain on Earth").status()).isEqualTo(201);
        assertThat(fake.embeddingRequests()).hasSize(4);
    }

    @Test
    void azureEmbeddingsAreChoosableWithAzureCredentials() {
        // the Azure SDK sends keys only over HTTPS: the call itself is proven in AzureOpenAiModelTest
        assertThat(createDataset("azure-no-credentials", "azure_openai", "text-embedding-3-large").status()).isEqualTo(400);
        assertThat(api.put("/api/model-providers/azure_openai/credentials", session.accessToken(),
                object("api_key", KEY, "base_url", "https://example-resource.openai.azure.com")).status()).isEqualTo(200);
        Reply created = createDataset("azure-embedded", "azure_openai", "text-embedding-3-large");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("embedding_model").asText()).isEqualTo("text-embedding-3-large");
    }

    @Test
    void aFailingEmbeddingProviderIsAModelErrorAndStoresNothing() {
        assertThat(api.put("/api/model-providers/openai/credentials", session.accessToken(),
                object("api_key", KEY, "base_url", fake.baseUrl())).status()).isEqualTo(200);
        String datasetId = createDataset("rotated-key", "openai", "text-embedding-3-small").json().path("id").asText();
        // the key is rotated at the provider: every call now fails authentication
        fake.apiKey("sk-some-other-key");
        try {
            Reply failed = addSegment(datasetId, "This text cannot be embedded");
            assertThat(failed.status()).isBetween(400, 599);
            assertThat(failed.json().path("code").asText()).isEqualTo("model_error");
            assertThat(failed.body()).doesNotContain("Exception").doesNotContain(KEY);
            JsonNode segments = api.get("/api/datasets/" + datasetId + "/documents/" + manualDocument(datasetId)
                    + "/segments", session.accessToken()).json();
            assertThat(segments.path("total").asLong()).isZero();
        } finally {
            fake.apiKey(KEY);
        }
    }
}
