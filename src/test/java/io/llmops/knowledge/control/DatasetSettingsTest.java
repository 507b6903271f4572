package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules behind dataset settings: embedding models, retrieval defaults, typed-in keywords. */
class DatasetSettingsTest {

    @Test
    void theLocalModelAndOpenAiEmbeddingsAreChoosable() {
        assertThat(EmbeddingModels.find("local", "all-minilm-l6-v2-q")).get()
                .extracting(EmbeddingModels.Choice::dimensions).isEqualTo(384);
        assertThat(EmbeddingModels.find("openai", "text-embedding-3-small")).get()
                .extracting(EmbeddingModels.Choice::dimensions).isEqualTo(1536);
        assertThat(EmbeddingModels.find("azure_openai", "text-embedding-3-large")).isPresent();
        assertThat(EmbeddingModels.find("local", "bge-m3")).isEmpty();
        assertThat(EmbeddingModels.find("anthropic", "text-embedding-3-small")).isEmpty();
        assertThat(EmbeddingModels.refusal("openai", "x")).contains("openai/x").contains("local/all-minilm-l6-v2-q")
                .contains("openai/text-embedding-3-small");
    }

    @Test
    void retrievalSettingsTakeWhatIsGivenAndKeepTheRest() {
        RetrievalSettings settings = RetrievalSettings.DEFAULT.with("full_text", null, 0.4);
        assertThat(settings).isEqualTo(new RetrievalSettings(RetrievalStrategy.FULL_TEXT, RetrievalSettings.DEFAULT.k(), 0.4));
        assertThat(settings.with(null, 10, null)).isEqualTo(new RetrievalSettings(RetrievalStrategy.FULL_TEXT, 10, 0.4));
        assertThat(RetrievalSettings.DEFAULT.strategy()).isEqualTo(RetrievalStrategy.HYBRID);
    }

    @Test
    void retrievalSettingsRefuseOutOfRangeValues() {
        assertThatThrownBy(() -> RetrievalSettings.DEFAULT.with(null, 11, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrievalSettings.DEFAULT.with(null, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrievalSettings.DEFAULT.with(null, null, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrievalSettings.DEFAULT.with("fuzzy", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedKeywordsAreTrimmedLowerCasedAndDeduplicatedInOrder() {
        assertThat(SegmentKeywords.clean(Arrays.asList(" Lucene ", "index", "", null, "LUCENE", "向量"))).containsExactly("lucene", "index", "向量");
        assertThat(SegmentKeywords.clean(null)).isEmpty();
        assertThat(SegmentKeywords.clean(List.of())).isEmpty();
    }
}
