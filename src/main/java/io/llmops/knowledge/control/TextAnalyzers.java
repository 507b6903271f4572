package io.llmops.knowledge.control;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Analyzers for mixed Chinese and English text. SmartChineseAnalyzer segments Chinese into words with
 * its HMM dictionary and treats Latin runs as words; both share one stop set (its Chinese punctuation
 * and function words plus Lucene's English stop words).
 */
public final class TextAnalyzers {

    private static final CharArraySet STOP_WORDS = stopWords();

    private TextAnalyzers() {
    }

    /** For BM25: also Porter-stems English, so "indexes" matches "indexing". */
    public static Analyzer search() {
        return new SmartChineseAnalyzer(STOP_WORDS);
    }

    /** For keywords shown to people: the same words, lower-cased but not stemmed. */
    public static Analyzer keywords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new HMMChineseTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new StopFilter(stream, STOP_WORDS);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        // Lucene's English list is short; questions are what people type, so their words go too
        for (String word : new String[] {"how", "what", "which", "who", "whom", "why", "when", "where", "does", "do",
                "did", "can", "could", "should", "would", "i", "me", "my", "you", "your", "we", "our", "has", "have",
                "had", "been", "am", "were", "so", "than", "too", "very", "from", "about", "its"}) {
            set.add(word);
        }
        // common Chinese function words the default set (mostly punctuation) leaves in
        for (String word : new String[] {"的", "了", "和", "是", "在", "也", "有", "就", "都", "而", "及", "与", "或",
                "这", "那", "个", "我们", "你们", "他们", "它", "其", "之", "于", "把", "被", "让", "对", "从", "到"}) {
            set.add(word);
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
