package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.app.boundary.AppDtos.VersionView;
import io.llmops.app.control.AppConfig;
import io.llmops.app.entity.App;
import io.llmops.app.entity.AppConfigVersion;
import jakarta.persistence.EntityManager;

/** Entities to API records: the only place an app's entities turn into what the API speaks. */
final class AppViews {

    private AppViews() {
    }

    static AppView of(EntityManager em, App app) {
        Integer version = app.publishedVersionId() == null ? null
                : em.find(AppConfigVersion.class, app.publishedVersionId()).version();
        return of(app, version);
    }

    static AppView of(App app, Integer publishedVersion) {
        AppConfig draft = app.draftConfig();
        return new AppView(app.id(), app.name(), app.description(), app.icon(), app.status().name(),
                app.publishedVersionId(), publishedVersion, draft.openingStatement(), draft.openingQuestions(),
                app.createdBy(), app.createdAt(), app.updatedAt());
    }

    static VersionView of(AppConfigVersion version) {
        return new VersionView(version.id(), version.appId(), version.version(), version.createdBy(),
                version.createdAt(), version.config());
    }
}
