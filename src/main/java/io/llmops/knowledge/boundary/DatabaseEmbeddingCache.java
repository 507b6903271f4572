package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.EmbeddingCache;
import io.llmops.knowledge.entity.CachedEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@link EmbeddingCache} in the {@code embedding_cache} table. Writes run in their own transaction and
 * are best effort: a concurrent writer of the same text wins and this one's failure only costs a
 * re-embedding later, never the caller's work.
 */
@ApplicationScoped
public class DatabaseEmbeddingCache implements EmbeddingCache {

    private static final Logger LOG = Logger.getLogger(DatabaseEmbeddingCache.class.getName());
    /** Bounds the IN list of one lookup. */
    private static final int LOOKUP_CHUNK = 500;

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
                    .getResultStream().forEach(c -> found.put(c.contentHash(), c.vector()));
        }
        return found;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void putAll(String modelId, Map<String, float[]> vectorsByContentHash) {
        Map<String, float[]> fresh = new HashMap<>(vectorsByContentHash);
        fresh.keySet().removeAll(getAll(modelId, fresh.keySet()).keySet());
        fresh.forEach((hash, vector) -> em.persist(new CachedEmbedding(modelId, hash, vector)));
        try {
            em.flush();
        } catch (PersistenceException raced) {
            LOG.fine(() -> "embedding cache write lost a race: " + raced);
        }
    }
}
