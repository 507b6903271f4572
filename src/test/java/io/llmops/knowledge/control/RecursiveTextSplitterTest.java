package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecursiveTextSplitterTest {

    private static final TokenLength TOKENS = TokenLength.o200k();

    private static String englishText(int sentences, long seed) {
        String[] words = {"retrieval", "index", "vector", "search", "document", "segment", "query", "model",
                "the", "a", "of", "quickly", "finds", "stores", "ranks", "embedding", "token", "chunk"};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int n = 6 + random.nextInt(20);
            for (int w = 0; w < n; w++) {
                sb.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            sb.append(random.nextInt(4) == 0 ? "?" : ".");
            sb.append(s % 7 == 6 ? "\n\n" : " ");
        }
        return sb.toString();
    }

    private static final String CHINESE = "知识库让智能体根据团队自己的文档回答问题。文档上传后会被解析、清洗、切分成片段，"
            + "然后计算向量并写入索引！检索时可以使用语义检索、全文检索或者混合检索；混合检索把两种分数加权融合？"
            + "每个片段都有关键词，关键词来自中文分词和英文分析。";

    /** Asking whether a text fits (countUpTo, which stops early) must cut exactly what counting every token cut. */
    @Test
    void stoppingTheCountEarlyCutsTheSameSegmentsAsCountingEverything() {
        TokenLength countsEverything = TOKENS::count; // the interface's default countUpTo counts it all
        String text = englishText(1500, 3) + "\n\n" + CHINESE.repeat(40) + "\n" + "x".repeat(3000) + " tail.";
        for (int[] rule : new int[][] {{50, 0}, {200, 20}, {500, 100}, {2000, 400}}) {
            for (List<String> separators : List.of(List.<String>of(), List.of("\n\n", "。"))) {
                assertThat(new RecursiveTextSplitter(separators, rule[0], rule[1], TOKENS).split(text))
                        .as("size %d, overlap %d, separators %s", rule[0], rule[1], separators)
                        .isEqualTo(new RecursiveTextSplitter(separators, rule[0], rule[1], countsEverything).split(text));
            }
        }
    }

    @Test
    void countUpToIsExactWhenTheTextFitsAndAboveTheLimitWhenNot() {
        String text = englishText(50, 4) + CHINESE;
        int all = TOKENS.count(text);
        assertThat(TOKENS.countUpTo(text, all)).isEqualTo(all);
        assertThat(TOKENS.countUpTo(text, all + 100)).isEqualTo(all);
        assertThat(TOKENS.countUpTo(text, all - 1)).isGreaterThan(all - 1);
        assertThat(TOKENS.countUpTo(text, 10)).isGreaterThan(10);
        assertThat(TOKENS.countUpTo("", 10)).isZero();
    }

    @Test
    void everyChunkFitsTheTokenBudgetAndNoneIsEmpty() {
        String text = englishText(400, 1) + "\n\n" + CHINESE.repeat(30);
        for (int size : new int[] {50, 120, 500, 2000}) {
            List<RecursiveTextSplitter.Chunk> chunks = new RecursiveTextSplitter(size, size / 5).split(text);
            assertThat(chunks).isNotEmpty();
            for (RecursiveTextSplitter.Chunk chunk : chunks) {
                assertThat(chunk.content()).isNotBlank().isEqualTo(chunk.content().strip());
                assertThat(chunk.tokens()).isEqualTo(TOKENS.count(chunk.content())).isLessThanOrEqualTo(size);
            }
            assertThat(chunks).extracting(RecursiveTextSplitter.Chunk::position)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
        }
    }

    @Test
    void withoutOverlapTheChunksAreTheTextInOrder() {
        String text = englishText(200, 2);
        List<RecursiveTextSplitter.Chunk> chunks = new RecursiveTextSplitter(100, 0).split(text);
        String rejoined = String.join("", chunks.stream().map(RecursiveTextSplitter.Chunk::content).toList());
        assertThat(rejoined.replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }

    @Test
    void overlapRepeatsTheTailOfThePreviousChunkWithinBudget() {
        String text = englishText(300, 3);
        int overlap = 30;
        List<RecursiveTextSplitter.Chunk> chunks = new RecursiveTextSplitter(120, overlap).split(text);
        assertThat(chunks.size()).isGreaterThan(5);
        int overlapping = 0;
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).content();
            String current = chunks.get(i).content();
            int shared = longestSuffixPrefix(previous, current);
            if (shared > 0) {
                overlapping++;
                assertThat(TOKENS.count(current.substring(0, shared))).isLessThanOrEqualTo(overlap + 1);
            }
        }
        // sentences are often longer than 30 tokens, so not every boundary can carry one; most do
        assertThat(overlapping).isGreaterThan(chunks.size() / 3);
        // and the overlap never makes the splitter emit more text than twice the input
        int total = chunks.stream().mapToInt(c -> c.content().length()).sum();
        assertThat(total).isLessThan(text.length() * 2);
    }

    private static int longestSuffixPrefix(String a, String b) {
        for (int len = Math.min(a.length(), b.length()); len >= 8; len--) {
            if (a.endsWith(b.substring(0, len))) {
                return len;
            }
        }
        return 0;
    }

    @Test
    void chineseSplitsAtSentencePunctuationAndKeepsIt() {
        List<RecursiveTextSplitter.Chunk> chunks = new RecursiveTextSplitter(50, 0).split(CHINESE.repeat(3));
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(50));
        // cut after 。！？； (kept with their sentence), never in the middle of a sentence here
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c ->
                assertThat(c.content()).matches("(?s).*[。！？；，、]$"));
        assertThat(String.join("", chunks.stream().map(RecursiveTextSplitter.Chunk::content).toList()))
                .isEqualTo(CHINESE.repeat(3));
    }

    @Test
    void aLongRunWithoutSeparatorsFallsBackToCharacters() {
        String text = "数据".repeat(500) + "x".repeat(3000);
        List<RecursiveTextSplitter.Chunk> chunks = new RecursiveTextSplitter(60, 10).split(text);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isBetween(1, 60));
        assertThat(chunks.getFirst().content()).startsWith("数据");
    }

    @Test
    void customSeparatorsComeFirst() {
        String text = "alpha beta gamma ### delta epsilon zeta ### eta theta iota. " + englishText(50, 5);
        List<RecursiveTextSplitter.Chunk> chunks =
                new RecursiveTextSplitter(List.of("###"), 50, 0, TOKENS).split(text);
        assertThat(chunks).extracting(RecursiveTextSplitter.Chunk::content).startsWith(
                "alpha beta gamma", "delta epsilon zeta");
        assertThat(chunks.get(2).content()).startsWith("eta theta iota. of");
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(50));
    }

    @Test
    void sameInputSameChunks() {
        String text = englishText(300, 7) + CHINESE.repeat(10);
        RecursiveTextSplitter splitter = new RecursiveTextSplitter(200, 40);
        assertThat(splitter.split(text)).isEqualTo(new RecursiveTextSplitter(200, 40).split(text));
    }

    @Test
    void blankTextHasNoChunksAndShortTextOne() {
        RecursiveTextSplitter splitter = new RecursiveTextSplitter(100, 10);
        assertThat(splitter.split("  \n\n \t")).isEmpty();
        assertThat(splitter.split("  hello world \n")).extracting(RecursiveTextSplitter.Chunk::content)
                .containsExactly("hello world");
    }

    @Test
    void settingsAreBounded() {
        assertThatThrownBy(() -> new RecursiveTextSplitter(49, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveTextSplitter(2001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveTextSplitter(100, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveTextSplitter(100, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
