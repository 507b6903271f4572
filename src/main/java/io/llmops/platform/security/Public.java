package io.llmops.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method (or every method of a resource class) callable without a bearer token; every
 * other one needs a signed-in user ({@link SecureByDefault}). Ours rather than {@code @PermitAll}:
 * Payara's MP-JWT module puts a filter on methods annotated {@code @PermitAll} or {@code @RolesAllowed}
 * that asks the container, not our filter, who is signed in, and refuses the call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {
}
