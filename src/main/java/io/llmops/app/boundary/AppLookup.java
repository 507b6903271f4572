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
        return requireColumn(em, workspaceId, appId, "a", App.class, lock);
    }

    /**
     * One column of a live app ({@code column} is a code constant such as {@code "a.draftConfig"}, spliced
     * into the query): a chat turn needs no hydrated, dirty-checked App for that.
     */
    static <T> T requireColumn(EntityManager em, UUID workspaceId, UUID appId, String column, Class<T> type) {
        return requireColumn(em, workspaceId, appId, column, type, LockModeType.NONE);
    }

    private static <T> T requireColumn(EntityManager em, UUID workspaceId, UUID appId, String column, Class<T> type,
                                       LockModeType lock) {
        return em.createQuery("select " + column + " from App a where a.id = :id and a.workspaceId = :workspace "
                        + "and a.deletedAt is null", type)
                .setParameter("id", appId).setParameter("workspace", workspaceId)
                .setLockMode(lock)
                .getResultList().stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("App"));
    }
}
