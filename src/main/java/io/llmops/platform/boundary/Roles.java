package io.llmops.platform.boundary;

/** Role and security-scheme names shared by every resource. */
public final class Roles {
    /** Every signed-in account holds this role (the JWT "groups" claim). */
    public static final String USER = "user";
    /** Name of the OpenAPI bearer security scheme. */
    public static final String BEARER_SCHEME = "bearer";

    private Roles() {
    }
}
