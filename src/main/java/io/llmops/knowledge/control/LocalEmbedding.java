package io.llmops.knowledge.control;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The offline default embedding model: all-MiniLM-L6-v2 (384 dimensions, ONNX, in-process), shipped by
 * LangChain4j as a Maven artifact. Loading takes about a second and ~100 MB, so one shared instance.
 * English-trained: Chinese text embeds poorly (full_text and hybrid carry Chinese queries).
 */
public final class LocalEmbedding {

    public static final String MODEL_ID = "local:all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;

    private LocalEmbedding() {
    }

    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    public static EmbeddingModel model() {
        return Holder.MODEL;
    }
}
