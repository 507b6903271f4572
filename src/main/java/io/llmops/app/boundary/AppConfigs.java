package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.app.boundary.AppDtos.VersionView;
import io.llmops.app.control.AppConfig;
import io.llmops.app.control.AppConfigEditor;
import io.llmops.app.control.AppConfigValidator;
import io.llmops.tool.boundary.ToolRegistry;
import io.llmops.knowledge.boundary.Datasets;
import io.llmops.app.entity.App;
import io.llmops.app.entity.AppConfigVersion;
import io.llmops.model.control.ModelCatalog;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The app feature's transactional facade for configs: the draft, publishing it as numbered versions,
 * the history, and rolling the draft back to a version. The chat runtime loads configs here too
 * ({@link #draft}, {@link #published}).
 */
@ApplicationScoped
@Transactional
public class AppConfigs {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    ModelCatalog catalog;

    @Inject
    ToolRegistry tools;

    @Inject
    Datasets datasets;

    @Inject
    TurnInputCache cache;

    /** An editor whose validator resolves tool entries and dataset ids in the app's workspace. */
    private AppConfigEditor editor(UUID workspaceId) {
        return new AppConfigEditor(new AppConfigValidator(catalog, entry -> tools.resolve(workspaceId, entry).isPresent(),
                id -> id != null && datasets.exists(workspaceId, id)));
    }

    /** The draft config of a live app of the workspace (404 otherwise). */
    public AppConfig draft(UUID workspaceId, UUID appId) {
        return AppConfig.fromJson(AppLookup.requireColumn(em, workspaceId, appId, "a.draftConfig", String.class));
    }

    /** The published version, if the app is published (404 when the app does not exist). */
    public Optional<VersionView> published(UUID workspaceId, UUID appId) {
        App app = AppLookup.require(em, workspaceId, appId);
        return Optional.ofNullable(app.publishedVersionId())
                .map(id -> AppViews.of(em.find(AppConfigVersion.class, id)));
    }

    /** Applies a JSON merge patch to the draft and answers the new draft (see {@link AppConfigEditor}). */
    public AppConfig patchDraft(UUID workspaceId, UUID appId, String mergePatch) {
        App app = AppLookup.require(em, workspaceId, appId);
        AppConfig draft = editor(workspaceId).patch(app.draftConfig(), mergePatch);
        app.replaceDraft(draft);
        cache.draftChanged(appId);
        return draft;
    }

    /**
     * Freezes the draft as the next version. The app row is locked (select … for update) while the
     * number is chosen, so concurrent publishes queue up and number 1, 2, 3…; the unique (app_id,
     * version) constraint is the backstop.
     */
    public VersionView publish(UUID workspaceId, UUID accountId, UUID appId) {
        App app = AppLookup.require(em, workspaceId, appId, LockModeType.PESSIMISTIC_WRITE);
        AppConfig draft = app.draftConfig();
        if (!draft.hasModel()) {
            throw ApiException.badRequest("app_not_configured", "Choose a model (model_config) before publishing");
        }
        editor(workspaceId).check(draft);
        int last = em.createQuery("select coalesce(max(v.version), 0) from AppConfigVersion v where v.appId = :app",
                        Integer.class)
                .setParameter("app", app.id()).getSingleResult();
        AppConfigVersion version = app.snapshot(last + 1, accountId);
        em.persist(version);
        app.publish(version);
        try {
            em.flush();
        } catch (PersistenceException raced) {
            throw ApiException.conflict("conflict", "Another publish of this app happened at the same time; try again");
        }
        return AppViews.of(version);
    }

    public AppView cancelPublish(UUID workspaceId, UUID appId) {
        App app = AppLookup.require(em, workspaceId, appId);
        app.cancelPublish();
        return AppViews.of(app, null);
    }

    /** Newest first. */
    public Page<VersionView> versions(UUID workspaceId, UUID appId, PageQuery page) {
        App app = AppLookup.require(em, workspaceId, appId);
        List<VersionView> items = em.createQuery("select v from AppConfigVersion v where v.appId = :app "
                        + "and v.workspaceId = :workspace order by v.version desc", AppConfigVersion.class)
                .setParameter("app", app.id()).setParameter("workspace", workspaceId)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream().map(AppViews::of).toList();
        long total = em.createQuery("select count(v) from AppConfigVersion v where v.appId = :app "
                        + "and v.workspaceId = :workspace", Long.class)
                .setParameter("app", app.id()).setParameter("workspace", workspaceId).getSingleResult();
        return Page.of(items, page, total);
    }

    /** Copies a version of this app into the draft (the published version stays as it is) and answers the draft. */
    public AppConfig fallback(UUID workspaceId, UUID appId, UUID versionId) {
        App app = AppLookup.require(em, workspaceId, appId);
        AppConfigVersion version = em.createQuery("select v from AppConfigVersion v where v.id = :id "
                        + "and v.appId = :app and v.workspaceId = :workspace", AppConfigVersion.class)
                .setParameter("id", versionId).setParameter("app", app.id()).setParameter("workspace", workspaceId)
                .getResultList().stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("App config version"));
        AppConfig config = version.config();
        app.replaceDraft(config);
        cache.draftChanged(appId);
        return config;
    }
}
