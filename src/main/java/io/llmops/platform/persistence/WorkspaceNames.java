package io.llmops.platform.persistence;

import io.llmops.platform.error.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.util.UUID;
import java.util.function.Function;

/**
 * Names unique within a workspace (datasets, API tool providers): a friendly 409 before writing, and
 * the same 409 when the database's unique index catches a concurrent write of the same name.
 */
public final class WorkspaceNames {

    private final EntityManager em;
    private final String entity;
    private final String liveCondition;
    private final Function<String, ApiException> taken;

    /**
     * {@code entity} (a JPA entity name) and {@code liveCondition} (JPQL over alias {@code e}, or empty)
     * are code constants spliced into the query, never user input.
     */
    public WorkspaceNames(EntityManager em, String entity, String liveCondition, Function<String, ApiException> taken) {
        if (!entity.matches("[A-Za-z]\\w*")) {
            throw new IllegalArgumentException("not an entity name: " + entity);
        }
        this.em = em;
        this.entity = entity;
        this.liveCondition = liveCondition == null || liveCondition.isBlank() ? "" : " and " + liveCondition;
        this.taken = taken;
    }

    /** Refuses a name another row of the workspace (other than {@code except}) already has. */
    public void requireFree(UUID workspaceId, String name, UUID except) {
        boolean used = em.createQuery("select count(e) from " + entity + " e where e.workspaceId = :w and e.name = :n "
                        + "and e.id <> :id" + liveCondition, Long.class)
                .setParameter("w", workspaceId).setParameter("n", name)
                .setParameter("id", except == null ? new UUID(0, 0) : except)
                .getSingleResult() > 0;
        if (used) {
            throw taken.apply(name);
        }
    }

    /** Flushes, turning a unique-index violation (a concurrent write of the same name) into the same 409. */
    public void flush() {
        try {
            em.flush();
        } catch (PersistenceException raced) {
            throw taken.apply("this name");
        }
    }
}
