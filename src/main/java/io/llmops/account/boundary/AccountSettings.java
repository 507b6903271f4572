package io.llmops.account.boundary;

import io.llmops.account.control.AccessTokens;
import io.llmops.account.control.GitHubOAuth;
import io.llmops.account.control.PasswordHasher;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.security.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/** Builds the account feature's plain-Java parts from MicroProfile Config. */
@ApplicationScoped
public class AccountSettings {

    @Inject
    @ConfigProperty(name = "llmops.jwt.issuer", defaultValue = "llmops")
    String issuer;

    @Inject
    @ConfigProperty(name = "llmops.jwt.access-token-ttl-seconds", defaultValue = "900")
    long accessTokenSeconds;

    @Inject
    @ConfigProperty(name = "llmops.jwt.refresh-token-ttl-seconds", defaultValue = "2592000")
    long refreshTokenSeconds;

    @Inject
    @ConfigProperty(name = "llmops.github.client-id")
    Optional<String> githubClientId;

    @Inject
    @ConfigProperty(name = "llmops.github.client-secret")
    Optional<String> githubClientSecret;

    @Inject
    @ConfigProperty(name = "llmops.github.redirect-uri", defaultValue = "http://localhost:8080/api/auth/oauth/github/callback")
    String githubRedirectUri;

    @Inject
    @ConfigProperty(name = "llmops.github.authorize-url", defaultValue = "https://github.com/login/oauth/authorize")
    String githubAuthorizeUrl;

    @Inject
    @ConfigProperty(name = "llmops.github.token-url", defaultValue = "https://github.com/login/oauth/access_token")
    String githubTokenUrl;

    @Inject
    @ConfigProperty(name = "llmops.github.api-url", defaultValue = "https://api.github.com")
    String githubApiUrl;

    @Inject
    SigningKeys signingKeys;

    @Produces
    @Singleton
    AccessTokens accessTokens() {
        return new AccessTokens(signingKeys, issuer, Duration.ofSeconds(accessTokenSeconds));
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    /** Empty when no GitHub client id is configured: the OAuth endpoints then answer 400. */
    public Optional<GitHubOAuth> github(OutboundHttp http) {
        return githubClientId.filter(id -> !id.isBlank()).map(id -> new GitHubOAuth(new GitHubOAuth.Settings(id,
                githubClientSecret.orElse(""), githubRedirectUri, githubAuthorizeUrl, githubTokenUrl, githubApiUrl), http));
    }

    public Duration refreshTokenLifetime() {
        return Duration.ofSeconds(refreshTokenSeconds);
    }
}
