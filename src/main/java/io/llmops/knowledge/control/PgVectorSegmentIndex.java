package io.llmops.knowledge.control;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import io.llmops.platform.persistence.LocalTransactions;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SegmentIndex} inside PostgreSQL with the pgvector extension: one table ({@code pgvector_segment},
 * migration V10) shared by every instance of a cluster, so nothing lives on local disk.
 *
 * <ul>
 *   <li><b>Filters</b> (workspace, datasets, documents, enabled) are in the WHERE clause of each
 *       candidate query. With an HNSW index pgvector would otherwise filter the index's first
 *       {@code ef_search} candidates (a post-filter in disguise); {@code hnsw.iterative_scan =
 *       strict_order} makes it keep scanning the graph until the LIMIT is met by rows that pass the
 *       filter (up to {@code hnsw.max_scan_tuples}, 20 000 by default, after which a tiny dataset inside
 *       a huge shared table can come back short; the planner usually prefers the exact scan through the
 *       dataset index for those).</li>
 *   <li><b>Vectors of any length</b> share the untyped {@code embedding vector} column; the length is in
 *       {@code dimensions}. HNSW (cosine) exists as partial expression indexes for {@link #HNSW_TYPES};
 *       the query repeats the index's expression and its {@code dimensions = n} predicate literally so
 *       the planner can use it. Other lengths are scanned exactly.</li>
 *   <li><b>semantic</b>: {@value #CANDIDATES} candidates with {@code hnsw.ef_search} = {@value #EF_SEARCH}
 *       (recall, see STACK.md), best k kept. Score: exact cosine similarity, clamped at 0.</li>
 *   <li><b>full_text</b>: PostgreSQL full text over the tokens of {@link TextAnalyzers#search()} (the
 *       Lucene index's analyzer: Chinese words, stemmed English, the same stop words), stored as a
 *       {@code simple}-configuration tsvector: content at weight A (1.0), keywords at weight B
 *       ({@value #KEYWORD_WEIGHT}). The query is the OR of its distinct terms. Score: {@code ts_rank},
 *       which for an OR query is the mean over the query's terms of a saturating term-frequency weight
 *       (0 when absent, 0.61 for one occurrence, towards 1 when frequent), capped at 1. So like Lucene's
 *       normalised BM25 it means "how much of the query is here" and a missing word lowers it; unlike
 *       BM25 it has no idf (a rare word counts as much as a common one) and no length normalisation,
 *       so the two backends' text scores are comparable in meaning, not equal.</li>
 *   <li><b>hybrid</b>: {@code w·cosine + (1−w)·text}, w = {@value LuceneSegmentIndex#DEFAULT_SEMANTIC_WEIGHT}
 *       as in Lucene, over the union of both candidate lists; both partial scores are computed exactly
 *       for every candidate.</li>
 *   <li><b>rerank</b> (optional {@link ScoringModel}): as in Lucene, the best
 *       {@value LuceneSegmentIndex#RERANK_CANDIDATES} fused candidates are rescored.</li>
 * </ul>
 *
 * Each call takes a connection from the data source. Outside a transaction it runs in its own one
 * and commits before returning; inside a caller's (JTA) transaction it joins it, so the writes commit
 * or roll back with the caller's rows. Thread-safe.
 */
public final class PgVectorSegmentIndex implements SegmentIndex {

    public static final int CANDIDATES = LuceneSegmentIndex.CANDIDATES;
    public static final int EF_SEARCH = 100;
    static final double KEYWORD_WEIGHT = 0.5;
    /** Vector lengths with an HNSW index (V10) and the pgvector type the index casts to. */
    static final Map<Integer, String> HNSW_TYPES = Map.of(384, "vector", 768, "vector", 1024, "vector",
            1536, "vector", 3072, "halfvec");

    private static final String RANK = "ts_rank('{0,0," + KEYWORD_WEIGHT + ",1}', s.search, q.query)";
    private static final String UPSERT = """
            insert into pgvector_segment (id, workspace_id, dataset_id, document_id, position, enabled, content,
                                          search, dimensions, embedding)
            values (?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'),
                    ?, ?::vector)
            on conflict (id) do update set workspace_id = excluded.workspace_id, dataset_id = excluded.dataset_id,
                document_id = excluded.document_id, position = excluded.position, enabled = excluded.enabled,
                content = excluded.content, search = excluded.search, dimensions = excluded.dimensions,
                embedding = excluded.embedding""";
    /** The query's distinct tokens as an OR tsquery, built without parsing user text as tsquery syntax. */
    private static final String QUERY_CTE = """
            q as (select (select string_agg('''' || replace(l, '''', '''''') || '''', ' | ')
                          from unnest(tsvector_to_array(to_tsvector('simple', ?))) l)::tsquery as query)""";

    private final DataSource dataSource;
    private final Analyzer analyzer = TextAnalyzers.search();
    private final double semanticWeight;
    private final ScoringModel reranker;

    public PgVectorSegmentIndex(DataSource dataSource) {
        this(dataSource, LuceneSegmentIndex.DEFAULT_SEMANTIC_WEIGHT, null);
    }

    /** @param reranker null for none */
    public PgVectorSegmentIndex(DataSource dataSource, double semanticWeight, ScoringModel reranker) {
        if (semanticWeight < 0 || semanticWeight > 1) {
            throw new IllegalArgumentException("semantic weight must be between 0 and 1");
        }
        this.dataSource = dataSource;
        this.semanticWeight = semanticWeight;
        this.reranker = reranker;
    }

    /**
     * Creates the extension (when this user may) and the index table (V10's function), under an advisory
     * lock so instances starting together do not race. Empty when the index is ready, else why it is not.
     */
    public static Optional<String> prepare(DataSource dataSource) {
        try {
            return inTransaction(dataSource, c -> {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('llmops_pgvector_prepare'))")) {
                    lock.execute();
                }
                try (PreparedStatement prepare = c.prepareStatement("select llmops_pgvector_prepare()");
                     ResultSet rs = prepare.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(rs.getString(1));
                }
            });
        } catch (IndexFailure e) {
            return Optional.of("cannot prepare the pgvector index: " + e.getCause().getMessage());
        }
    }

    // ---- writes

    @Override
    public void upsert(List<IndexedSegment> segments) {
        if (segments.isEmpty()) {
            return;
        }
        // a fixed order, so two batches sharing segments cannot deadlock on each other's rows
        List<IndexedSegment> sorted = segments.stream().sorted(Comparator.comparing(IndexedSegment::id)).toList();
        List<String[]> texts = sorted.stream()
                .map(s -> new String[] {tokens(s.content()), tokens(String.join("\n", s.keywords()))}).toList();
        inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement(UPSERT)) {
                for (int i = 0; i < sorted.size(); i++) {
                    IndexedSegment s = sorted.get(i);
                    int p = 0;
                    insert.setString(++p, s.id());
                    insert.setString(++p, s.workspaceId());
                    insert.setString(++p, s.datasetId());
                    insert.setString(++p, s.documentId());
                    insert.setInt(++p, s.position());
                    insert.setBoolean(++p, s.enabled());
                    insert.setString(++p, s.content());
                    insert.setString(++p, texts.get(i)[0]);
                    insert.setString(++p, texts.get(i)[1]);
                    if (s.vector() == null) {
                        insert.setNull(++p, Types.INTEGER);
                        insert.setNull(++p, Types.VARCHAR);
                    } else {
                        insert.setInt(++p, s.vector().length);
                        insert.setString(++p, literal(s.vector()));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void deleteSegments(List<String> segmentIds) {
        if (!segmentIds.isEmpty()) {
            delete("id = any(?)", segmentIds.stream().sorted().distinct().toList());
        }
    }

    @Override
    public void deleteDocument(String documentId) {
        delete("document_id = ?", documentId);
    }

    @Override
    public void deleteDataset(String datasetId) {
        delete("dataset_id = ?", datasetId);
    }

    private void delete(String where, Object value) {
        inTransaction(dataSource, c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from pgvector_segment where " + where)) {
                bind(c, delete, 1, value);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long count(String datasetId) {
        return inTransaction(dataSource, c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) from pgvector_segment where dataset_id = ?")) {
                count.setString(1, datasetId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---- search

    private record Row(String id, String datasetId, String documentId, int position, String content, double score) {
    }

    @Override
    public List<SegmentHit> search(SegmentQuery query) {
        boolean semantic = query.strategy() != RetrievalStrategy.FULL_TEXT;
        boolean text = query.strategy() != RetrievalStrategy.SEMANTIC;
        String terms = text ? queryTerms(query.text()) : "";
        if (!semantic && terms.isEmpty()) {
            return List.of(); // nothing but stop words: no text candidates, as in Lucene
        }
        boolean withText = text && !terms.isEmpty();
        boolean rerank = reranker != null && query.text() != null && !query.text().isBlank();

        // parameters in the order their placeholders appear: q, knn, txt, scored, threshold, limit
        List<Object> params = new ArrayList<>();
        List<String> ctes = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        if (withText) {
            ctes.add(QUERY_CTE);
            params.add(terms);
        }
        String cosine = "0";
        if (semantic) {
            int n = query.vector().length;
            String type = HNSW_TYPES.get(n);
            // with an HNSW index for this length, its expression and partial predicate exactly as in V10
            String distance = type == null ? "embedding <=> ?::vector"
                    : "embedding::" + type + "(" + n + ") <=> ?::" + type + "(" + n + ")";
            ctes.add("knn as (select id from pgvector_segment where dimensions = " + n + " and " + filter(query, "")
                    + " order by " + distance + " limit " + CANDIDATES + ")");
            params.addAll(filterParams(query));
            params.add(literal(query.vector()));
            candidates.add("select id from knn");
            cosine = "coalesce(greatest(0, 1 - nullif(case when s.dimensions = " + n
                    + " then s.embedding <=> ?::vector end, 'NaN')), 0)";
        }
        String rank = "0";
        if (withText) {
            ctes.add("txt as (select s.id from pgvector_segment s, q where s.search @@ q.query and " + filter(query, "s.")
                    + " order by " + RANK + " desc limit " + CANDIDATES + ")");
            params.addAll(filterParams(query));
            candidates.add("select id from txt");
            rank = "least(1, coalesce(" + RANK + ", 0))";
        }
        String score = switch (query.strategy()) {
            case SEMANTIC -> cosine;
            case FULL_TEXT -> rank;
            case HYBRID -> semanticWeight + " * " + cosine + " + " + (1 - semanticWeight) + " * " + rank;
        };
        String sql = "with " + String.join(", ", ctes)
                + ", cand as (" + String.join(" union ", candidates) + ")"
                + ", scored as (select s.id, s.dataset_id, s.document_id, s.position, s.content, " + score + " as score"
                + " from pgvector_segment s join cand on cand.id = s.id" + (withText ? " cross join q" : "") + ")"
                + " select * from scored" + (rerank ? "" : " where score >= ?")
                + " order by score desc, id collate \"C\" limit ?";
        if (semantic) {
            params.add(literal(query.vector()));
        }
        if (!rerank) {
            params.add(query.scoreThreshold());
        }
        params.add(rerank ? LuceneSegmentIndex.RERANK_CANDIDATES : query.k());

        List<Row> rows = inTransaction(dataSource, c -> {
            try (PreparedStatement settings = c.prepareStatement(
                    "select set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'strict_order', true)")) {
                settings.setString(1, Integer.toString(EF_SEARCH));
                settings.execute();
            }
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    bind(c, select, i + 1, params.get(i));
                }
                List<Row> found = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getDouble(6)));
                    }
                }
                return found;
            }
        });
        if (rerank && !rows.isEmpty()) {
            rows = rerank(query, rows);
        }
        return rows.stream().limit(query.k())
                .map(r -> new SegmentHit(r.id(), r.datasetId(), r.documentId(), r.position(), r.content(), r.score()))
                .toList();
    }

    /** The workspace, dataset, document and enabled filter of a candidate query; {@code alias} prefixes the columns. */
    private static String filter(SegmentQuery query, String alias) {
        StringBuilder where = new StringBuilder(alias + "workspace_id = ? and " + alias + "dataset_id = any(?)");
        if (!query.documentIds().isEmpty()) {
            where.append(" and ").append(alias).append("document_id = any(?)");
        }
        if (query.enabledOnly()) {
            where.append(" and ").append(alias).append("enabled");
        }
        return where.toString();
    }

    private static List<Object> filterParams(SegmentQuery query) {
        List<Object> params = new ArrayList<>();
        params.add(query.workspaceId());
        params.add(List.copyOf(query.datasetIds()));
        if (!query.documentIds().isEmpty()) {
            params.add(List.copyOf(query.documentIds()));
        }
        return params;
    }

    private List<Row> rerank(SegmentQuery query, List<Row> rows) {
        List<Double> scores = reranker.scoreAll(rows.stream().map(r -> TextSegment.from(r.content())).toList(), query.text())
                .content();
        List<Row> rescored = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            rescored.add(new Row(r.id(), r.datasetId(), r.documentId(), r.position(), r.content(), scores.get(i)));
        }
        return rescored.stream()
                .sorted(Comparator.comparingDouble(Row::score).reversed().thenComparing(Row::id))
                .filter(r -> r.score() >= query.scoreThreshold())
                .toList();
    }

    // ---- text

    /** The analyzer's tokens, space-separated: what the `simple` configuration then splits again. */
    String tokens(String text) {
        return String.join(" ", analyze(text, Integer.MAX_VALUE));
    }

    private String queryTerms(String text) {
        return String.join(" ", analyze(text, LuceneSegmentIndex.MAX_QUERY_TERMS));
    }

    private Collection<String> analyze(String text, int max) {
        Set<String> distinct = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && distinct.size() < max) {
                distinct.add(term.toString());
                all.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return max == Integer.MAX_VALUE ? all : distinct;
    }

    // ---- JDBC

    static String literal(float[] vector) {
        StringBuilder s = new StringBuilder(vector.length * 10).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(vector[i]);
        }
        return s.append(']').toString();
    }

    private static void bind(Connection c, PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case String s -> statement.setString(index, s);
            case Integer i -> statement.setInt(index, i);
            case Double d -> statement.setDouble(index, d);
            case List<?> list -> {
                Array array = c.createArrayOf("text", list.toArray());
                statement.setArray(index, array);
            }
            default -> throw new IllegalArgumentException("cannot bind " + value.getClass());
        }
    }

    /** A failed index statement: the database is down or the pgvector table is missing. */
    public static final class IndexFailure extends RuntimeException {
        IndexFailure(SQLException cause) {
            super("pgvector segment index: " + cause.getMessage(), cause);
        }
    }

    /** Runs in the caller's transaction when there is one, else in a transaction of its own. */
    private static <T> T inTransaction(DataSource dataSource, LocalTransactions.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return LocalTransactions.run(c, work);
        } catch (SQLException e) {
            throw new IndexFailure(e);
        }
    }

    @Override
    public void close() {
        analyzer.close(); // the data source belongs to the caller
    }
}
