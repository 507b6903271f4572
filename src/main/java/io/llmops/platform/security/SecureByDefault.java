package io.llmops.platform.security;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Every resource method needs a valid, unrevoked bearer token of a signed-in user unless it (or its
 * class) is {@link Public}. The decision is bound to the matched method, after routing, so no
 * spelling of a path ("//", "%2e%2e", ";x=y", case, trailing "/") can reach a method without its check.
 */
@Provider
public class SecureByDefault implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (!isPublic(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass())) {
            context.register(new BearerTokenFilter());
        }
    }

    public static boolean isPublic(Method method, Class<?> resourceClass) {
        return method.isAnnotationPresent(Public.class) || resourceClass.isAnnotationPresent(Public.class);
    }
}
