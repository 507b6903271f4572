package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.app.boundary.BuiltinAppDtos.BuiltinAppDetail;
import io.llmops.app.boundary.BuiltinAppDtos.BuiltinAppView;
import io.llmops.app.control.BuiltinApps;
import io.llmops.app.control.BuiltinApps.Category;
import io.llmops.app.control.BuiltinApps.Template;
import io.llmops.platform.error.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** The gallery of built-in app templates (read once from the class path) and installing one into a workspace. */
@ApplicationScoped
public class BuiltinAppTemplates {

    @Inject
    Apps apps;

    private BuiltinApps catalogue;

    @PostConstruct
    void load() {
        catalogue = BuiltinApps.fromClasspath();
    }

    public List<BuiltinAppView> list(String category) {
        return catalogue.list(category).stream().map(BuiltinAppView::of).toList();
    }

    public List<Category> categories() {
        return catalogue.categories();
    }

    public BuiltinAppDetail get(String id) {
        return BuiltinAppDetail.of(require(id));
    }

    /** A new draft app in the workspace with the template's card and config. */
    public AppView install(UUID workspaceId, UUID accountId, String id) {
        Template template = require(id);
        return apps.createFromTemplate(workspaceId, accountId, template.name(), template.description(), template.icon(),
                template.config());
    }

    private Template require(String id) {
        return catalogue.find(id).orElseThrow(() -> ApiException.notFound("Built-in app"));
    }
}
