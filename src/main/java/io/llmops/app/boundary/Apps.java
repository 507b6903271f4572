package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppCreate;
import io.llmops.app.boundary.AppDtos.AppPatch;
import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.app.control.AppConfig;
import io.llmops.app.control.Icons;
import io.llmops.app.entity.App;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The app feature's transactional facade for the apps themselves: create, list, read, edit, copy, delete. */
@ApplicationScoped
@Transactional
public class Apps {

    static final int MAX_SEARCH = 64;
    private static final String LISTED = "a.workspaceId = :workspace and a.deletedAt is null "
            + "and lower(a.name) like :pattern escape '\\'";

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    TurnInputCache cache;

    public AppView create(UUID workspaceId, UUID accountId, AppCreate request) {
        App app = new App(workspaceId, accountId, request.name().strip(),
                request.description() == null ? "" : request.description().strip(),
                request.icon() == null ? Icons.DEFAULT : request.icon(), AppConfig.defaults());
        em.persist(app);
        return AppViews.of(app, null);
    }

    /** A new draft app with the given card and draft config (installing a built-in template). */
    public AppView createFromTemplate(UUID workspaceId, UUID accountId, String name, String description, String icon,
                                      AppConfig config) {
        App app = new App(workspaceId, accountId, name, description, icon, config);
        em.persist(app);
        return AppViews.of(app, null);
    }

    /** Newest first; {@code search} matches anywhere in the name, ignoring case. */
    public Page<AppView> list(UUID workspaceId, String search, PageQuery page) {
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.invalidField("search", "must be at most " + MAX_SEARCH + " characters");
        }
        String pattern = "%" + likeEscaped(search == null ? "" : search.strip().toLowerCase(Locale.ROOT)) + "%";
        List<AppView> items = em.createQuery("select a, v.version from App a "
                        + "left join AppConfigVersion v on v.id = a.publishedVersionId where " + LISTED
                        + " order by a.createdAt desc, a.id desc", Object[].class)
                .setParameter("workspace", workspaceId).setParameter("pattern", pattern)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream()
                .map(row -> AppViews.of((App) row[0], (Integer) row[1]))
                .toList();
        long total = em.createQuery("select count(a) from App a where " + LISTED, Long.class)
                .setParameter("workspace", workspaceId).setParameter("pattern", pattern).getSingleResult();
        return Page.of(items, page, total);
    }

    public AppView get(UUID workspaceId, UUID appId) {
        return AppViews.of(em, AppLookup.require(em, workspaceId, appId));
    }

    public AppView update(UUID workspaceId, UUID appId, AppPatch patch) {
        App app = AppLookup.require(em, workspaceId, appId);
        app.edit(patch.name() == null ? null : patch.name().strip(),
                patch.description() == null ? null : patch.description().strip(), patch.icon());
        return AppViews.of(em, app);
    }

    /** Soft delete: the app disappears from every endpoint; its versions stay for history. */
    public void delete(UUID workspaceId, UUID appId) {
        AppLookup.require(em, workspaceId, appId).delete();
        cache.draftChanged(appId);
    }

    public AppView copy(UUID workspaceId, UUID accountId, UUID appId) {
        App copy = AppLookup.require(em, workspaceId, appId).copy(accountId);
        em.persist(copy);
        return AppViews.of(copy, null);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
