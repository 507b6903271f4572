package io.llmops.app.boundary;

import io.llmops.app.entity.App;
import io.llmops.platform.error.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/** Finds a live app of one workspace; an app of another workspace, or a deleted one, does not exist. */
final class AppLookup {

    private AppLookup() {
    }

    static App require(EntityManager em, UUID workspaceId, UUID appId) {
        return require(em, workspaceId, appId, LockModeType.NONE);
    }

    /** With {@code PESSIMISTIC_WRITE} the row stays locked (select … for update) until the transaction ends. */
    static App require(EntityManager em, UUID workspaceId, UUID appId, LockModeType lock) {
        return em.createQuery("select a from App a where a.id = :id and a.workspaceId = :workspace "
                        + "and a.deletedAt is null", App.class)
                .setParameter("id", appId).setParameter("workspace", workspaceId)
                .setLockMode(lock)
                .getResultList().stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("App"));
    }
}
