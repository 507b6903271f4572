package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.LuceneSegmentIndex;
import io.llmops.knowledge.control.PgVectorSegmentIndex;
import io.llmops.knowledge.control.PgVectorTestDatabase;
import io.llmops.knowledge.control.SegmentIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** llmops.knowledge.index picks the backend; a wrong name or a database without pgvector is refused with the reason. */
class KnowledgeIndexTest {

    @TempDir
    Path dir;

    private static DataSource noDatabaseExpected() {
        throw new AssertionError("Lucene must not touch the database");
    }

    @Test
    void luceneByDefaultNameInItsDirectory() {
        try (SegmentIndex index = KnowledgeIndex.open("lucene", dir.resolve("idx"), KnowledgeIndexTest::noDatabaseExpected)) {
            assertThat(index).isInstanceOf(LuceneSegmentIndex.class);
        }
        assertThat(dir.resolve("idx")).isDirectory();
    }

    /** The ingestion jobs' commit pace: the first call commits, the next ones wait for the interval. */
    @Test
    void commitAtMostEveryCommitsAtTheGivenPaceOnly() throws Exception {
        KnowledgeIndex knowledge = new KnowledgeIndex();
        knowledge.kind = "lucene";
        knowledge.indexDir = dir.resolve("paced").toString();
        try {
            knowledge.get().upsertBuffered(List.of(segment("s1")));
            knowledge.commitAtMostEvery(java.time.Duration.ofMinutes(10));
            assertThat(knowledge.get().count("ds")).isEqualTo(1);
            knowledge.get().upsertBuffered(List.of(segment("s2")));
            knowledge.commitAtMostEvery(java.time.Duration.ofMinutes(10));
            assertThat(knowledge.get().count("ds")).as("within the interval: not committed").isEqualTo(1);
            knowledge.commitAtMostEvery(java.time.Duration.ZERO);
            assertThat(knowledge.get().count("ds")).isEqualTo(2);
        } finally {
            knowledge.close();
        }
    }

    private static IndexedSegment segment(String id) {
        return new IndexedSegment(id, "ws", "ds", "doc", 0, "text of " + id, List.of(), new float[] {1, 0}, true);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> KnowledgeIndex.open("elasticsearch", dir, KnowledgeIndexTest::noDatabaseExpected))
                .isInstanceOf(KnowledgeIndex.UnavailableIndexException.class)
                .hasMessageContaining("LLMOPS_KNOWLEDGE_INDEX").hasMessageContaining("lucene or pgvector")
                .hasMessageContaining("'elasticsearch'");
        assertThatThrownBy(() -> KnowledgeIndex.checkedKind(""))
                .isInstanceOf(KnowledgeIndex.UnavailableIndexException.class);
        assertThat(KnowledgeIndex.checkedKind(" PgVector ")).isEqualTo("pgvector");
    }

    @Test
    void pgvectorWithoutItsTableIsRefusedWithTheReason() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        assertThatThrownBy(() -> KnowledgeIndex.open("pgvector", dir, () -> unreachable))
                .isInstanceOf(KnowledgeIndex.UnavailableIndexException.class)
                .hasMessageContaining("pgvector").hasMessageContaining("cannot prepare the pgvector index");
        assertThat(dir).isEmptyDirectory();
    }

    /** The start-up check: pgvector chosen over a database without it fails the deployment with the reason. */
    @Test
    void theStartupCheckRefusesPgvectorWithoutItsTable() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        KnowledgeIndex index = new KnowledgeIndex();
        index.kind = "pgvector";
        index.indexDir = dir.toString();
        index.dataSource = unreachable;
        KnowledgeIndexCheck check = new KnowledgeIndexCheck();
        check.index = index;
        assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start: llmops.knowledge.index is pgvector, but cannot prepare the pgvector index");
        index.kind = "lucene";
        check.check(); // Lucene stays lazy: nothing opened at start-up
        assertThat(dir).isEmptyDirectory();
        index.kind = "solr";
        assertThatThrownBy(check::check).hasMessageContaining("Refusing to start: llmops.knowledge.index (LLMOPS_KNOWLEDGE_INDEX) must be");
    }

    @Test
    void pgvectorOpensOverTheDataSourceWithoutALocalDirectory() throws Exception {
        try (PgVectorTestDatabase db = PgVectorTestDatabase.create()) {
            assumeTrue(db.skipReason() == null, () -> "pgvector selection skipped: " + db.skipReason());
            try (SegmentIndex index = KnowledgeIndex.open("pgvector", dir.resolve("unused"), db::dataSource)) {
                assertThat(index).isInstanceOf(PgVectorSegmentIndex.class);
                index.upsert(List.of(new IndexedSegment("s", "ws", "d", "doc", 0, "text", List.of(), new float[] {1, 0}, true)));
                assertThat(index.count("d")).isEqualTo(1);
            }
            assertThat(dir.resolve("unused")).doesNotExist();
        }
    }
}
