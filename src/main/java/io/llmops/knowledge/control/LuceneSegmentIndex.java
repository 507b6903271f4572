package io.llmops.knowledge.control;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SegmentIndex} on an embedded Lucene index in a local directory: HNSW vectors (cosine) and BM25
 * over {@link TextAnalyzers#search()} (Chinese and English).
 *
 * <ul>
 *   <li><b>Filters</b> (workspace, datasets, documents, enabled) are one Lucene filter query handed to
 *       the KNN query and required by the BM25 query, so another workspace's segments never take a
 *       top-k slot.</li>
 *   <li><b>semantic</b> asks HNSW for {@value #KNN_CANDIDATES} candidates and keeps the top k: with 10
 *       candidates recall@10 dropped to 0.91 on clustered vectors, with 100 it was 1.0 at 10k segments
 *       (STACK.md) but 0.946 at 100k (bench/README.md), so {@value #KNN_CANDIDATES}.
 *       Score: cosine similarity, clamped at 0 (Lucene's own score is (1+cos)/2).</li>
 *   <li><b>full_text</b>: BM25 over content, plus keywords at {@value #KEYWORD_BOOST}× weight. Lucene's
 *       BM25 term score is {@code boost·idf·tf/(tf+norm)}, below {@code boost·idf}, so dividing by the
 *       sum of the query terms' {@code boost·idf} (terms absent from the index included) gives 0..1
 *       that means "how much of the query is here", comparable across datasets and index sizes.</li>
 *   <li><b>hybrid</b>: weighted scores, {@code w·cosine + (1−w)·bm25Normalised}, w = 0.7 by default
 *       (Dify's default weights). Weighted rather than RRF so the threshold keeps a meaning. Both lists
 *       are fetched with {@value #CANDIDATES} candidates; a text hit outside the KNN candidates gets its
 *       exact cosine from the stored vector; a KNN hit outside the text candidates counts 0 for text
 *       (exact whenever fewer than {@value #CANDIDATES} segments match the words).</li>
 *   <li><b>rerank</b> (optional {@link ScoringModel}): the best {@value #RERANK_CANDIDATES} fused
 *       candidates are rescored against the query text; hits then carry the reranker's score and the
 *       threshold applies to it.</li>
 * </ul>
 *
 * Thread-safe: one IndexWriter; every write but {@link #upsertBuffered} commits and refreshes the
 * SearcherManager before returning (and so commits what was buffered before it). Commit per batch, not
 * per segment: bulk loads buffer and commit once in a while.
 */
public final class LuceneSegmentIndex implements SegmentIndex {

    public static final int CANDIDATES = 100;
    /** HNSW's candidate list (its beam): recall@10 at 100k segments needs more than {@link #CANDIDATES}. */
    public static final int KNN_CANDIDATES = 160;
    public static final double DEFAULT_SEMANTIC_WEIGHT = 0.7;
    static final float KEYWORD_BOOST = 0.5f;
    static final int RERANK_CANDIDATES = 30;
    /** Bounds a pasted essay as a query (and BooleanQuery's clause limit). */
    static final int MAX_QUERY_TERMS = 64;

    private static final String ID = "id";
    private static final String WORKSPACE = "workspace";
    private static final String DATASET = "dataset";
    private static final String DOCUMENT = "document";
    private static final String POSITION = "position";
    private static final String ENABLED = "enabled";
    private static final String CONTENT = "content";
    private static final String KEYWORDS = "keywords";

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final double semanticWeight;
    private final ScoringModel reranker;

    public LuceneSegmentIndex(Path directory) {
        this(directory, DEFAULT_SEMANTIC_WEIGHT, null);
    }

    /** @param reranker null for none */
    public LuceneSegmentIndex(Path directory, double semanticWeight, ScoringModel reranker) {
        if (semanticWeight < 0 || semanticWeight > 1) {
            throw new IllegalArgumentException("semantic weight must be between 0 and 1");
        }
        this.semanticWeight = semanticWeight;
        this.reranker = reranker;
        this.analyzer = TextAnalyzers.search();
        try {
            this.directory = FSDirectory.open(directory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(HighDimensionVectors.codec());
            this.writer = new IndexWriter(this.directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the segment index at " + directory, e);
        }
    }

    static String vectorField(int dimensions) {
        return "vector_" + dimensions;
    }

    @Override
    public void upsert(List<IndexedSegment> segments) {
        if (segments.isEmpty()) {
            return;
        }
        write(() -> add(segments));
    }

    /**
     * Into the IndexWriter's buffer only: no commit (an fsync of every new file) and no refresh, which
     * would each cut a small Lucene segment per call, and small segments cost merges that rebuild their
     * HNSW graphs (bench/README.md, "Ingestion throughput").
     */
    @Override
    public void upsertBuffered(List<IndexedSegment> segments) {
        try {
            add(segments);
        } catch (IOException e) {
            throw new UncheckedIOException("segment index write failed", e);
        }
    }

    @Override
    public void commit() {
        write(() -> {
        });
    }

    private void add(List<IndexedSegment> segments) throws IOException {
        for (IndexedSegment segment : segments) {
            writer.updateDocument(new Term(ID, segment.id()), toDocument(segment));
        }
    }

    private static Document toDocument(IndexedSegment s) {
        Document doc = new Document();
        doc.add(new StringField(ID, s.id(), Field.Store.YES));
        doc.add(new StringField(WORKSPACE, s.workspaceId(), Field.Store.NO));
        doc.add(new StringField(DATASET, s.datasetId(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT, s.documentId(), Field.Store.YES));
        doc.add(new StoredField(POSITION, s.position()));
        doc.add(new StringField(ENABLED, Boolean.toString(s.enabled()), Field.Store.NO));
        doc.add(new TextField(CONTENT, s.content(), Field.Store.YES));
        if (!s.keywords().isEmpty()) {
            doc.add(new TextField(KEYWORDS, String.join("\n", s.keywords()), Field.Store.NO));
        }
        if (s.vector() != null) {
            doc.add(new KnnFloatVectorField(vectorField(s.vector().length), s.vector(), VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    @Override
    public void deleteSegments(List<String> segmentIds) {
        if (!segmentIds.isEmpty()) {
            write(() -> writer.deleteDocuments(segmentIds.stream().map(id -> new Term(ID, id)).toArray(Term[]::new)));
        }
    }

    @Override
    public void deleteDocument(String documentId) {
        write(() -> writer.deleteDocuments(new Term(DOCUMENT, documentId)));
    }

    @Override
    public void deleteDataset(String datasetId) {
        write(() -> writer.deleteDocuments(new Term(DATASET, datasetId)));
    }

    /**
     * Merges the index into one Lucene segment: a KNN query searches one HNSW graph per segment, and
     * bulk loads committed batch by batch leave many (see bench/README.md, "Knowledge engine").
     */
    @Override
    public void optimize() {
        write(() -> writer.forceMerge(1));
    }

    @Override
    public long count(String datasetId) {
        return read(searcher -> (long) searcher.count(new TermQuery(new Term(DATASET, datasetId))));
    }

    private interface Write {
        void run() throws IOException;
    }

    private interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private void write(Write change) {
        try {
            change.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("segment index write failed", e);
        }
    }

    private <T> T read(Read<T> query) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return query.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("segment index read failed", e);
        }
    }

    /** A candidate while fusing: Lucene doc id and the two partial scores (NaN = not computed yet). */
    private static final class Candidate {
        final int doc;
        double cosine = Double.NaN;
        double text = Double.NaN;
        double score;

        Candidate(int doc) {
            this.doc = doc;
        }
    }

    @Override
    public List<SegmentHit> search(SegmentQuery query) {
        return read(searcher -> {
            Query filter = filter(query);
            Map<Integer, Candidate> candidates = new HashMap<>();
            if (query.strategy() != RetrievalStrategy.FULL_TEXT) {
                semantic(searcher, query.vector(), filter, candidates);
            }
            if (query.strategy() != RetrievalStrategy.SEMANTIC) {
                fullText(searcher, query.text(), filter, candidates);
            }
            for (Candidate c : candidates.values()) {
                c.score = switch (query.strategy()) {
                    case SEMANTIC -> c.cosine;
                    case FULL_TEXT -> c.text;
                    case HYBRID -> {
                        if (Double.isNaN(c.cosine)) {
                            c.cosine = exactCosine(searcher, c.doc, query.vector());
                        }
                        yield semanticWeight * c.cosine + (1 - semanticWeight) * (Double.isNaN(c.text) ? 0 : c.text);
                    }
                };
            }
            List<Candidate> ranked = new ArrayList<>(candidates.values());
            ranked.sort(Comparator.<Candidate>comparingDouble(c -> -c.score).thenComparingInt(c -> c.doc));
            boolean rerank = reranker != null && query.text() != null && !query.text().isBlank();
            // stored fields only for what can be returned: the top k and anything tied with the k-th
            // (ties are then broken by segment id, so equal scores come back in a stable order)
            int keep = rerank ? Math.min(RERANK_CANDIDATES, ranked.size()) : Math.min(query.k(), ranked.size());
            while (!rerank && keep < ranked.size() && keep > 0 && ranked.get(keep).score == ranked.get(keep - 1).score) {
                keep++;
            }
            List<Candidate> top = new ArrayList<>(ranked.subList(0, keep));
            StoredFields stored = searcher.storedFields();
            Map<Integer, Document> docs = new HashMap<>();
            // in doc id order: neighbours share a compressed block, which the reader then decompresses once
            int[] order = top.stream().mapToInt(c -> c.doc).sorted().toArray();
            for (int doc : order) {
                docs.put(doc, stored.document(doc));
            }
            if (rerank && !top.isEmpty()) {
                rerank(query.text(), top, docs);
            }
            top.sort(Comparator.<Candidate>comparingDouble(c -> -c.score).thenComparing(c -> docs.get(c.doc).get(ID)));
            List<SegmentHit> hits = new ArrayList<>();
            for (Candidate c : top) {
                if (hits.size() == query.k()) {
                    break;
                }
                if (c.score >= query.scoreThreshold()) {
                    Document d = docs.get(c.doc);
                    hits.add(new SegmentHit(d.get(ID), d.get(DATASET), d.get(DOCUMENT),
                            d.getField(POSITION).numericValue().intValue(), d.get(CONTENT), c.score));
                }
            }
            return hits;
        });
    }

    private static Query filter(SegmentQuery query) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(WORKSPACE, query.workspaceId())), Occur.FILTER)
                .add(anyOf(DATASET, query.datasetIds()), Occur.FILTER);
        if (!query.documentIds().isEmpty()) {
            filter.add(anyOf(DOCUMENT, query.documentIds()), Occur.FILTER);
        }
        if (query.enabledOnly()) {
            filter.add(new TermQuery(new Term(ENABLED, "true")), Occur.FILTER);
        }
        return filter.build();
    }

    private static Query anyOf(String field, Set<String> values) {
        if (values.size() == 1) {
            return new TermQuery(new Term(field, values.iterator().next()));
        }
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static void semantic(IndexSearcher searcher, float[] vector, Query filter, Map<Integer, Candidate> into)
            throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(vectorField(vector.length), vector, KNN_CANDIDATES, filter),
                CANDIDATES);
        for (ScoreDoc sd : top.scoreDocs) {
            into.computeIfAbsent(sd.doc, Candidate::new).cosine = Math.max(0, 2.0 * sd.score - 1);
        }
    }

    private void fullText(IndexSearcher searcher, String text, Query filter, Map<Integer, Candidate> into)
            throws IOException {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return;
        }
        IndexReader reader = searcher.getIndexReader();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        double best = 0;
        for (String term : terms) {
            Term content = new Term(CONTENT, term);
            Term keyword = new Term(KEYWORDS, term);
            words.add(new TermQuery(content), Occur.SHOULD);
            words.add(new BoostQuery(new TermQuery(keyword), KEYWORD_BOOST), Occur.SHOULD);
            best += idf(reader, content) + KEYWORD_BOOST * idf(reader, keyword);
        }
        if (best <= 0) {
            return;
        }
        Query q = new BooleanQuery.Builder().add(words.build(), Occur.MUST).add(filter, Occur.FILTER).build();
        TopDocs top = searcher.search(q, CANDIDATES);
        for (ScoreDoc sd : top.scoreDocs) {
            into.computeIfAbsent(sd.doc, Candidate::new).text = Math.min(1.0, sd.score / best);
        }
    }

    /** Lucene's BM25 idf; for a term absent from the index the idf it would have as the rarest term. */
    private static double idf(IndexReader reader, Term term) throws IOException {
        long docCount = reader.getDocCount(term.field());
        if (docCount == 0) {
            return 0;
        }
        long docFreq = reader.docFreq(term);
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    private Set<String> terms(String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(CONTENT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    private static double exactCosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(vectorField(query.length));
        if (values == null) {
            return 0;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int local = doc - leaf.docBase;
        if (it.advance(local) != local) {
            return 0;
        }
        return Math.max(0, 2.0 * VectorSimilarityFunction.COSINE.compare(query, values.vectorValue(it.index())) - 1);
    }

    private void rerank(String text, List<Candidate> top, Map<Integer, Document> docs) {
        List<TextSegment> segments = top.stream().map(c -> TextSegment.from(docs.get(c.doc).get(CONTENT))).toList();
        List<Double> scores = reranker.scoreAll(segments, text).content();
        for (int i = 0; i < top.size(); i++) {
            top.get(i).score = scores.get(i);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            analyzer.close();
        }
    }

    /** For tests and diagnostics: opens a reader on the committed index. */
    static long committedCount(Path directory) throws IOException {
        try (Directory dir = FSDirectory.open(directory); DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.numDocs();
        }
    }
}
