package io.llmops.ops.boundary;

import io.llmops.knowledge.boundary.KnowledgeIndex;
import io.llmops.ops.control.CleanupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Purges what deleting a dataset or document left behind once the purge delay has passed (deletes
 * are soft: the rows are hidden at once, their index entries removed at once). In three steps, each
 * in batches: the segment rows (they carry the vectors); then the documents — their index entries
 * removed again (idempotent: a crash between the delete and its index call, or another instance's
 * index, may have kept some), the ingestion's intermediate files, their rows, and the uploads no remaining document names (bytes first,
 * then the row; a storage failure marks the upload unused so {@link UnusedUploads} retries it); then
 * the datasets that have no documents left (their recorded queries go with them). The
 * {@code embedding_cache} stays: it is keyed by model and text hash, shared by every dataset.
 */
@ApplicationScoped
class DeletedKnowledge {

    /** A document is due when it, or its dataset, was deleted before the cut-off (both parameters). */
    private static final String DUE_DOCUMENT = "(d.deleted_at < ? or exists (select 1 from dataset ds "
            + "where ds.id = d.dataset_id and ds.deleted_at < ?))";

    @Inject
    KnowledgeIndex index;

    @Inject
    StoredFiles files;

    List<CleanupStep> steps(Instant now, Duration purgeDelay) {
        OffsetDateTime cutoff = Sql.at(now.minus(purgeDelay));
        // keyset cursor: documents whose files could not be deleted stay behind it until the next run
        UUID[] afterDocument = {new UUID(0, 0)};
        return List.of(
                (connection, batchSize, counts) -> {
                    try (PreparedStatement segments = connection.prepareStatement("delete from segment where id in "
                            + "(select s.id from segment s join document d on d.id = s.document_id where " + DUE_DOCUMENT
                            + " limit ?)")) {
                        segments.setObject(1, cutoff);
                        segments.setObject(2, cutoff);
                        segments.setInt(3, batchSize);
                        int deleted = segments.executeUpdate();
                        counts.add("segments", deleted);
                        return deleted;
                    }
                },
                (connection, batchSize, counts) -> {
                    List<UUID> documents = new ArrayList<>();
                    Set<UUID> uploads = new LinkedHashSet<>();
                    int seen = 0;
                    try (PreparedStatement due = connection.prepareStatement("select d.id, d.upload_file_id from document d where "
                            + DUE_DOCUMENT + " and d.id > ? order by d.id limit ? for update of d skip locked")) {
                        due.setObject(1, cutoff);
                        due.setObject(2, cutoff);
                        due.setObject(3, afterDocument[0]);
                        due.setInt(4, batchSize);
                        try (ResultSet rs = due.executeQuery()) {
                            while (rs.next()) {
                                seen++;
                                UUID document = rs.getObject(1, UUID.class);
                                afterDocument[0] = document;
                                // the ingestion's intermediate files are keyed by the document: they go before its row
                                if (!files.deleteIngestionFiles(document, counts)) {
                                    continue;
                                }
                                documents.add(document);
                                UUID upload = rs.getObject(2, UUID.class);
                                if (upload != null) {
                                    uploads.add(upload);
                                }
                            }
                        }
                    }
                    for (UUID document : documents) {
                        index.get().deleteDocument(document.toString());
                    }
                    counts.add("segments", Sql.updateIds(connection, "delete from segment where document_id = any(?)", documents));
                    counts.add("documents", Sql.updateIds(connection, "delete from document where id = any(?)", documents));
                    releaseUploads(connection, uploads, counts);
                    return seen;
                },
                (connection, batchSize, counts) -> {
                    List<UUID> datasets;
                    try (PreparedStatement due = connection.prepareStatement("select ds.id from dataset ds where ds.deleted_at < ? "
                            + "and not exists (select 1 from document d where d.dataset_id = ds.id) "
                            + "order by ds.id limit ? for update skip locked")) {
                        due.setObject(1, cutoff);
                        due.setInt(2, batchSize);
                        datasets = Sql.ids(due);
                    }
                    for (UUID dataset : datasets) {
                        index.get().deleteDataset(dataset.toString());
                    }
                    counts.add("datasets", Sql.updateIds(connection, "delete from dataset where id = any(?)", datasets));
                    return datasets.size();
                });
    }

    /** Uploads of purged documents that no other document names any more: bytes, then rows. */
    private void releaseUploads(Connection connection, Set<UUID> uploads, io.llmops.ops.control.CleanupCounts counts)
            throws SQLException {
        if (uploads.isEmpty()) {
            return;
        }
        List<UUID> deletable = new ArrayList<>();
        List<UUID> retry = new ArrayList<>();
        try (PreparedStatement free = connection.prepareStatement("select u.id, u.storage_key from upload_file u "
                + "where u.id = any(?) and not exists (select 1 from document d where d.upload_file_id = u.id) "
                + "for update of u skip locked")) {
            free.setArray(1, connection.createArrayOf("uuid", uploads.toArray()));
            try (ResultSet rs = free.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    (files.delete(rs.getString(2), counts) ? deletable : retry).add(id);
                }
            }
        }
        counts.add("uploads", Sql.updateIds(connection, "delete from upload_file where id = any(?)", deletable));
        Sql.updateIds(connection, "update upload_file set used = false, used_at = null where id = any(?)", retry);
    }
}
