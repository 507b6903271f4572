package io.llmops.knowledge.control;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The offline default embedding model: all-MiniLM-L6-v2, quantized (384 dimensions, ONNX, in-process),
 * shipped by LangChain4j as a Maven artifact. Quantized because it is 16 MB instead of 83 MB in the WAR
 * and scored the same recall@5 as the full model on RetrievalQualityTest's set. Loading takes about a
 * second, so one shared instance. English-trained: Chinese text embeds poorly (full_text and hybrid
 * carry Chinese queries).
 *
 * <p>The model and tokenizer are {@link AllMiniLmL6V2QuantizedEmbeddingModel}'s, and so is the way a
 * batch runs (one ONNX run per text, the texts spread over one thread per core), but each run uses only
 * its own thread. LangChain4j's class opens the session with ONNX Runtime's defaults, where each run
 * also starts work on ONNX's own intra-op threads, which spin while they wait: two runs in flight kept
 * four threads busy on two cores and cost 12.9–13.4 ms of CPU per 200-token segment against 8.0–8.6 ms
 * with one thread per run, and the spinning takes the CPU an ingestion job needs for everything else
 * (bench/README.md, "Ingestion throughput"). The vectors are the same (LocalEmbeddingTest).
 */
public final class LocalEmbedding {

    public static final String MODEL_ID = "local:all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

    private LocalEmbedding() {
    }

    private static final class Holder {
        static final EmbeddingModel MODEL = load();
    }

    public static EmbeddingModel model() {
        return Holder.MODEL;
    }

    private static EmbeddingModel load() {
        // the artifact's class loader has its files; naming the class does not initialise it (and its session)
        ClassLoader artifact = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream model = artifact.getResourceAsStream(MODEL_FILE);
             InputStream tokenizer = artifact.getResourceAsStream(TOKENIZER_FILE)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("the local embedding model's files are missing from the class path");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN), executor());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the local embedding model", e);
        }
    }

    /** As LangChain4j's default: one thread per core, idle threads end after a second; daemons, named. */
    private static Executor executor() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(cores, cores, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "local-embedding-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, Executor executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
