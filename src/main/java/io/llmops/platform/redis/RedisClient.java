package io.llmops.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
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
        return new JedisPooled(hostAndPort(), clientConfig(timeoutMillis));
    }

    /**
     * One connection of its own (not from the pool), for a subscription: {@code readTimeoutMillis} bounds how
     * long a read may wait, so a subscriber that pings more often than that notices a dead server.
     */
    public Jedis dedicatedConnection(int readTimeoutMillis) {
        return new Jedis(hostAndPort(), clientConfig(readTimeoutMillis));
    }

    /** The database index of {@code llmops.redis.url}: pub/sub channels are per server, so they carry it. */
    public int database() {
        return JedisURIHelper.getDBIndex(URI.create(url));
    }

    private HostAndPort hostAndPort() {
        URI uri = URI.create(url);
        return new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    private JedisClientConfig clientConfig(int readTimeoutMillis) {
        URI uri = URI.create(url);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(readTimeoutMillis)
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("llmops");
        String user = JedisURIHelper.getUser(uri);
        String uriPassword = JedisURIHelper.getPassword(uri);
        password.or(() -> Optional.ofNullable(uriPassword)).ifPresent(config::password);
        if (user != null) {
            config.user(user);
        }
        return config.build();
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }
}
