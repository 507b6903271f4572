package io.llmops.knowledge.control;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LocalEmbeddingTest {

    /**
     * Our session settings (one thread per ONNX run) must not change a vector: segments embedded before,
     * and the embedding cache keyed by {@link LocalEmbedding#MODEL_ID}, stay valid.
     */
    @Test
    void embedsExactlyLikeLangChain4jsOwnModelClass() {
        List<TextSegment> texts = List.of(TextSegment.from("How do I bake bread?"),
                TextSegment.from("Record 12 of ledger 3 notes that shipment 95028 reached depot 12 on day 12 carrying 13 pallets."),
                TextSegment.from("向量检索与全文检索的混合排序"),
                TextSegment.from("word ".repeat(700))); // over the model's 510 tokens: embedded in parts and averaged
        List<Embedding> ours = LocalEmbedding.model().embedAll(texts).content();
        List<Embedding> theirs = new AllMiniLmL6V2QuantizedEmbeddingModel().embedAll(texts).content();
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < texts.size(); i++) {
            float[] a = ours.get(i).vector();
            float[] b = theirs.get(i).vector();
            assertThat(a).hasSize(LocalEmbedding.DIMENSIONS).hasSameSizeAs(b);
            for (int d = 0; d < a.length; d++) {
                assertThat(a[d]).as("text %d, dimension %d", i, d).isCloseTo(b[d], within(1e-5f));
            }
        }
        assertThat(LocalEmbedding.model().dimension()).isEqualTo(LocalEmbedding.DIMENSIONS);
    }
}
