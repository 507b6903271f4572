package io.llmops.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

/** The instance's verifier of access tokens: our public key and issuer, verified tokens remembered. */
@ApplicationScoped
public class BearerTokens {

    /** Verified tokens kept (≈ 1 KiB each); one per signed-in client is plenty. */
    private static final long MAX_CACHED_TOKENS = 20_000;
    private static final String SCHEME = "Bearer ";

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "llmops.jwt.issuer", defaultValue = "llmops")
    String issuer;

    private AccessTokenVerifier verifier;

    @PostConstruct
    void init() {
        verifier = new AccessTokenVerifier(keys.publicKey(), issuer, Clock.systemUTC(), MAX_CACHED_TOKENS);
    }

    /** The verified claims of an {@code Authorization: Bearer …} header, or empty. */
    public Optional<VerifiedToken> fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return verifier.verify(authorization.substring(SCHEME.length()).strip());
    }
}
