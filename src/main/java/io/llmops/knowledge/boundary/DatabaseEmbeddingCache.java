package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.EmbeddingCache;
import io.llmops.knowledge.entity.CachedEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link EmbeddingCache} in the {@code embedding_cache} table. Writes run in their own transaction and
 * are best effort: a concurrent writer of the same text wins and this one's failure only costs a
 * re-embedding later, never the caller's work. A write is one JDBC batch of
 * {@code insert … on conflict do nothing} in hash order (two writers of overlapping texts wait for each
 * other in the same order, never in a cycle); it used to read the hashes back first and persist an
 * entity per vector.
 */
@ApplicationScoped
public class DatabaseEmbeddingCache implements EmbeddingCache {

    private static final Logger LOG = Logger.getLogger(DatabaseEmbeddingCache.class.getName());
    /** Bounds the IN list of one lookup. */
    private static final int LOOKUP_CHUNK = 500;
    private static final String INSERT = "insert into embedding_cache (model_id, content_hash, vector, created_at) "
            + "values (?, ?, ?, now()) on conflict do nothing";

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, float[]> getAll(String modelId, Collection<String> contentHashes) {
        Map<String, float[]> found = new HashMap<>();
        List<String> hashes = contentHashes.stream().distinct().toList();
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            em.createQuery("select c from CachedEmbedding c where c.modelId = :m and c.contentHash in :h", CachedEmbedding.class)
                    .setParameter("m", modelId).setParameter("h", hashes.subList(from, Math.min(from + LOOKUP_CHUNK, hashes.size())))
                    .getResultList().stream().forEach(c -> found.put(c.contentHash(), c.vector()));
        }
        return found;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void putAll(String modelId, Map<String, float[]> vectorsByContentHash) {
        if (vectorsByContentHash.isEmpty()) {
            return;
        }
        Map<String, float[]> sorted = new TreeMap<>(vectorsByContentHash);
        try {
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (Map.Entry<String, float[]> entry : sorted.entrySet()) {
                        insert.setString(1, modelId);
                        insert.setString(2, entry.getKey());
                        insert.setObject(3, entry.getValue());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        } catch (PersistenceException e) {
            LOG.log(Level.FINE, "embedding cache write failed (the texts are embedded again when met again)", e);
        }
    }
}
