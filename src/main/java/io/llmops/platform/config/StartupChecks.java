package io.llmops.platform.config;

import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.crypto.SecretStrength.WeakSecretException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.SsrfGuard;
import io.llmops.platform.security.SigningKeys;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refuses to start with a missing or weak signing or encryption secret (the deployment fails with a
 * message naming the setting, never its value) or a malformed SSRF allow-list (a bad entry must not
 * be silently skipped). Payara Micro keeps running after a failed deployment,
 * so with {@code llmops.exit-on-startup-failure} (set by our launcher and image) the process exits
 * with status 78 (EX_CONFIG) instead, which container platforms and systemd understand.
 */
@Startup
@Singleton
public class StartupChecks {

    public static final int EXIT_CONFIG = 78;
    private static final Logger LOG = Logger.getLogger(StartupChecks.class.getName());

    @Inject
    Instance<SecretBox> secretBox;

    @Inject
    Instance<SigningKeys> signingKeys;

    @Inject
    Instance<OutboundHttp> outboundHttp;

    /** How long shutdown hooks get after a refused start before the process is halted. */
    private static final java.time.Duration EXIT_GRACE = java.time.Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = "llmops.exit-on-startup-failure", defaultValue = "false")
    boolean exitOnFailure;

    @PostConstruct
    void check() {
        try {
            LOG.info(() -> "Secrets loaded: " + secretBox.get() + ", " + signingKeys.get());
        } catch (RuntimeException e) {
            WeakSecretException weak = find(e, WeakSecretException.class);
            refuse(weak != null ? weak.getMessage() : "secrets could not be loaded (" + e.getClass().getSimpleName() + ")");
        }
        try {
            OutboundHttp http = outboundHttp.get();
            LOG.info(() -> "Outbound HTTP: " + http);
        } catch (RuntimeException e) {
            SsrfGuard.MalformedAllowlistException malformed = find(e, SsrfGuard.MalformedAllowlistException.class);
            if (malformed == null) {
                throw e;
            }
            refuse(malformed.getMessage());
        }
    }

    private void refuse(String reason) {
        refuseToStart(reason, exitOnFailure);
    }

    /**
     * Fails the deployment with {@code reason} (logged, never a secret's value) and, with
     * {@code llmops.exit-on-startup-failure}, exits the process with {@link #EXIT_CONFIG}: for other
     * start-up checks too (the knowledge index's, for one).
     */
    public static void refuseToStart(String reason, boolean exitOnFailure) {
        LOG.log(Level.SEVERE, "Refusing to start: {0}", reason);
        if (exitOnFailure) {
            // exit from another thread: the deployment thread holds locks Payara's shutdown needs; and
            // if a shutdown hook still hangs on them (seen once on an overloaded machine), halt anyway
            Thread.ofPlatform().daemon().start(() -> System.exit(EXIT_CONFIG));
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(EXIT_GRACE.toMillis());
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(EXIT_CONFIG);
            });
        }
        throw new IllegalStateException("Refusing to start: " + reason);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
