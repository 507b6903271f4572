package io.llmops.platform.config;

import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.security.SigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Refuses to start the application with a missing or weak signing or encryption secret: the
 * deployment fails with a message naming the setting (never its value).
 */
@Startup
@Singleton
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class.getName());

    @Inject
    SecretBox secretBox;

    @Inject
    SigningKeys signingKeys;

    @PostConstruct
    void check() {
        // touching the beans runs their validation now instead of on the first request
        LOG.info(() -> "Secrets loaded: " + secretBox + ", " + signingKeys);
    }
}
