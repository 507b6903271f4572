package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordExtractorTest {

    private final KeywordExtractor keywords = new KeywordExtractor();

    @Test
    void englishKeywordsAreFrequentNonStopWords() {
        String text = "The index stores vectors. The index answers queries with vectors and words; "
                + "an index is rebuilt from PostgreSQL.";
        assertThat(keywords.extract(text, 3)).containsExactly("index", "vectors", "stores");
        assertThat(keywords.extract(text)).doesNotContain("the", "an", "is", "with", "and");
    }

    @Test
    void chineseKeywordsAreSegmentedWords() {
        String text = "知识库支持混合检索。混合检索结合语义检索和全文检索，检索结果按分数排序。";
        assertThat(keywords.extract(text, 3)).containsExactly("检索", "混合", "知识库");
        assertThat(keywords.extract(text)).doesNotContain("的", "和", "。", "，");
    }

    @Test
    void mixedTextAndEdgeCases() {
        assertThat(keywords.extract("Payara 部署 WAR 文件，Payara 启动很快 2025")).startsWith("payara")
                .contains("部署", "war").doesNotContain("2025");
        assertThat(keywords.extract("  ")).isEmpty();
        assertThat(keywords.extract("a b c", 5)).isEmpty();
    }
}
