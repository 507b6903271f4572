package io.llmops.knowledge.control;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.CosineSimilarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CachingEmbedderTest {

    /** Embeds a text as [length, first char] and records every batch it was asked for. */
    static final class CountingModel implements EmbeddingModel {
        final List<List<String>> batches = new ArrayList<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            batches.add(segments.stream().map(TextSegment::text).toList());
            return Response.from(segments.stream()
                    .map(s -> Embedding.from(new float[] {s.text().length(), s.text().charAt(0)})).toList());
        }
    }

    @Test
    void duplicatesAndCachedTextsAreNeverEmbeddedTwice() {
        CountingModel model = new CountingModel();
        InMemoryEmbeddingCache cache = new InMemoryEmbeddingCache();
        CachingEmbedder embedder = new CachingEmbedder(model, "fake:1", cache, 2);

        List<float[]> first = embedder.embedAll(List.of("a", "bb", "a", "ccc", "dddd"));
        assertThat(first).extracting(v -> v[0]).containsExactly(1f, 2f, 1f, 3f, 4f);
        assertThat(model.batches).containsExactly(List.of("a", "bb"), List.of("ccc", "dddd"));

        List<float[]> second = embedder.embedAll(List.of("dddd", "eeeee", "a"));
        assertThat(second).extracting(v -> v[0]).containsExactly(4f, 5f, 1f);
        assertThat(model.batches).hasSize(3).last().isEqualTo(List.of("eeeee"));
        assertThat(cache.size()).isEqualTo(5);
    }

    @Test
    void theCacheIsPerModel() {
        InMemoryEmbeddingCache cache = new InMemoryEmbeddingCache();
        CountingModel one = new CountingModel();
        CountingModel two = new CountingModel();
        new CachingEmbedder(one, "fake:1", cache, 8).embed("same text");
        new CachingEmbedder(two, "fake:2", cache, 8).embed("same text");
        assertThat(one.batches).hasSize(1);
        assertThat(two.batches).hasSize(1);
        assertThat(EmbeddingCache.contentHash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theLocalModelEmbedsOfflineWithOurLangChain4jCore() {
        CachingEmbedder embedder = new CachingEmbedder(LocalEmbedding.model(), LocalEmbedding.MODEL_ID,
                new InMemoryEmbeddingCache(), CachingEmbedder.DEFAULT_BATCH_SIZE);
        List<float[]> v = embedder.embedAll(List.of(
                "How do I bake bread?", "Baking a loaf of bread at home", "Jupiter is a gas giant planet"));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(LocalEmbedding.DIMENSIONS));
        double related = CosineSimilarity.between(Embedding.from(v.get(0)), Embedding.from(v.get(1)));
        double unrelated = CosineSimilarity.between(Embedding.from(v.get(0)), Embedding.from(v.get(2)));
        assertThat(related).isGreaterThan(unrelated + 0.2);
    }
}
