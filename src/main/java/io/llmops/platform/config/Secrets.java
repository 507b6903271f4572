package io.llmops.platform.config;

import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.security.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Produces the platform's secrets from configuration; a missing or weak one stops deployment. */
@ApplicationScoped
public class Secrets {

    @Inject
    @ConfigProperty(name = "llmops.secret.key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "llmops.jwt.private-key")
    Optional<String> jwtPrivateKey;

    @Inject
    @ConfigProperty(name = "llmops.jwt.public-key")
    Optional<String> jwtPublicKey;

    @Produces
    @Singleton
    SecretBox secretBox() {
        return SecretBox.fromBase64(secretKey.orElse(null));
    }

    @Produces
    @Singleton
    SigningKeys signingKeys() {
        return SigningKeys.fromPem(jwtPrivateKey.orElse(null), jwtPublicKey.orElse(null));
    }
}
