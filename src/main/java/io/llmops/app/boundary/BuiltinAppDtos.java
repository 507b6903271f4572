package io.llmops.app.boundary;

import io.llmops.app.control.AppConfig;
import io.llmops.app.control.BuiltinApps.Template;

/** Bodies of the built-in template API (snake_case on the wire). */
public final class BuiltinAppDtos {

    private BuiltinAppDtos() {
    }

    /** A template as the gallery lists it: the card and the model it uses, without the config. */
    public record BuiltinAppView(String id, String name, String description, String icon, String category,
                                 String provider, String model) {
        static BuiltinAppView of(Template template) {
            AppConfig.ModelConfig model = template.config().modelConfig();
            return new BuiltinAppView(template.id(), template.name(), template.description(), template.icon(),
                    template.category(), model == null ? null : model.provider(), model == null ? null : model.model());
        }
    }

    /** One template with the complete config an install copies into the new app's draft. */
    public record BuiltinAppDetail(String id, String name, String description, String icon, String category,
                                   AppConfig config) {
        static BuiltinAppDetail of(Template template) {
            return new BuiltinAppDetail(template.id(), template.name(), template.description(), template.icon(),
                    template.category(), template.config());
        }
    }
}
