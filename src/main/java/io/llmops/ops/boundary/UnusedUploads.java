package io.llmops.ops.boundary;

import io.llmops.ops.control.CleanupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Uploads nothing took up within their time to live: {@code used} is still false (the ingestion sets it
 * when a document is made from the file), no document names the file, and — for images, which icons
 * refer to by URL without marking them used — no app, dataset, API tool or account icon mentions its id.
 * Their bytes go first, then their rows ({@link StoredFiles}).
 */
@ApplicationScoped
class UnusedUploads {

    private static final String DUE = "select u.id, u.storage_key, u.created_at from upload_file u "
            + "where not u.used and u.created_at < ? and (u.created_at, u.id) > (?, ?) "
            + "and not exists (select 1 from document d where d.upload_file_id = u.id) "
            + "and (u.mime_type not like 'image/%' or not ("
            + "exists (select 1 from app a where strpos(a.icon, u.id::text) > 0) "
            + "or exists (select 1 from dataset ds where strpos(ds.icon, u.id::text) > 0) "
            + "or exists (select 1 from api_tool_provider p where strpos(p.icon, u.id::text) > 0) "
            + "or exists (select 1 from account ac where strpos(ac.avatar, u.id::text) > 0))) "
            + "order by u.created_at, u.id limit ? for update of u skip locked";

    @Inject
    StoredFiles files;

    /** A fresh step (its cursor at the start) for one run. */
    CleanupStep step(Instant now, Duration ttl) {
        OffsetDateTime cutoff = Sql.at(now.minus(ttl));
        // keyset cursor: rows whose file delete failed stay behind it, so one run never loops on them
        OffsetDateTime[] afterTime = {OffsetDateTime.parse("1970-01-01T00:00:00Z")};
        UUID[] afterId = {new UUID(0, 0)};
        return (connection, batchSize, counts) -> {
            List<UUID> deletable = new ArrayList<>();
            int seen = 0;
            try (PreparedStatement due = connection.prepareStatement(DUE)) {
                due.setObject(1, cutoff);
                due.setObject(2, afterTime[0]);
                due.setObject(3, afterId[0]);
                due.setInt(4, batchSize);
                try (ResultSet rs = due.executeQuery()) {
                    while (rs.next()) {
                        seen++;
                        UUID id = rs.getObject(1, UUID.class);
                        afterId[0] = id;
                        afterTime[0] = rs.getObject(3, OffsetDateTime.class);
                        if (files.delete(rs.getString(2), counts)) {
                            deletable.add(id);
                        }
                    }
                }
            }
            counts.add("uploads", Sql.updateIds(connection, "delete from upload_file where id = any(?)", deletable));
            return seen;
        };
    }
}
