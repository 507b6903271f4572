package io.llmops.knowledge.control;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene refuses vectors above 1024 dimensions by default; OpenAI's embeddings have 1536 or 3072. This
 * codec writes the standard HNSW format under its standard name and only raises the limit checked at
 * write time, so the index stays readable by a plain Lucene (the names it records are the defaults).
 */
final class HighDimensionVectors {

    static final int MAX_DIMENSIONS = 4096;

    private HighDimensionVectors() {
    }

    static Codec codec() {
        KnnVectorsFormat format = new Format(new Lucene99HnswVectorsFormat());
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    private static final class Format extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        Format(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }
}
