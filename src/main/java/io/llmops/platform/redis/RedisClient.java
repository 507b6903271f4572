package io.llmops.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.util.Optional;

/**
 * The one pooled Redis client (cache, locks, rate limits, revocation, stop signals), from
 * {@code llmops.redis.url} ({@code redis://host:port/db} or {@code rediss://} for TLS).
 */
@ApplicationScoped
public class RedisClient {

    @Inject
    @ConfigProperty(name = "llmops.redis.url", defaultValue = "redis://127.0.0.1:6379/0")
    String url;

    @Inject
    @ConfigProperty(name = "llmops.redis.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "llmops.redis.timeout-ms", defaultValue = "2000")
    int timeoutMillis;

    @Produces
    @Singleton
    UnifiedJedis redis() {
        URI uri = URI.create(url);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("llmops");
        String user = JedisURIHelper.getUser(uri);
        String uriPassword = JedisURIHelper.getPassword(uri);
        password.or(() -> Optional.ofNullable(uriPassword)).ifPresent(config::password);
        if (user != null) {
            config.user(user);
        }
        JedisClientConfig clientConfig = config.build();
        return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), clientConfig);
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }
}
