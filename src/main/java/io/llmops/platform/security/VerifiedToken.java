package io.llmops.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The claims of an access token whose signature, issuer and lifetime {@link AccessTokenVerifier}
 * checked: who calls ({@code sub}), in which workspace ({@code wid}), with which roles
 * ({@code groups}), which token ({@code jti}) of which sign-in ({@code fam}).
 */
public record VerifiedToken(UUID accountId, UUID workspaceId, String tokenId, String familyId, Set<String> groups,
                            Instant expiresAt) {
}
