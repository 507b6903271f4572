package io.llmops.platform.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Every resource method needs a valid, unrevoked bearer token unless it (or its class) is
 * {@code @PermitAll}. The decision is bound to the matched method, after routing, so no spelling
 * of a path ("//", "%2e%2e", ";x=y", case, trailing "/") can reach a method without its check.
 */
@Provider
public class SecureByDefault implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> resourceClass = resourceInfo.getResourceClass();
        if (!isPublic(method, resourceClass)) {
            context.register(new BearerTokenFilter(allowedRoles(method, resourceClass)));
        }
    }

    public static boolean isPublic(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return false;
        }
        return method.isAnnotationPresent(PermitAll.class) || resourceClass.isAnnotationPresent(PermitAll.class);
    }

    /** The roles of {@code @RolesAllowed} on the method, else on the class; empty means any signed-in caller. */
    static Set<String> allowedRoles(Method method, Class<?> resourceClass) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resourceClass.getAnnotation(RolesAllowed.class);
        }
        return roles == null ? Set.of() : Set.of(roles.value());
    }
}
