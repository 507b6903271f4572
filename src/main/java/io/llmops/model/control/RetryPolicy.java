package io.llmops.model.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * How often and how patiently a failed model call is tried again: at most {@code maxRetries} more
 * times, waiting {@code initialBackoff} doubled per attempt (with up to 25% jitter) and never more than
 * {@code maxBackoff}. Only failures {@link ModelErrors} calls retriable are tried again.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    private static final Logger LOG = Logger.getLogger(RetryPolicy.class.getName());

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    public Duration backoff(int retry) {
        long base = initialBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(capped + jitter);
    }

    /**
     * Runs a blocking call, retrying retriable failures; the last failure is thrown as the API's
     * {@code model_error}. {@code target} names the provider and model in the log (never a secret).
     */
    public <T> T call(String target, Supplier<T> action) {
        for (int attempt = 0; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                ModelErrors.Failure failure = ModelErrors.classify(e);
                if (!failure.retriable() || attempt >= maxRetries) {
                    throw ModelErrors.toApiException(e);
                }
                int retry = attempt + 1;
                LOG.info(() -> target + ": " + failure.kind() + " (" + failure.status() + "), retry " + retry
                        + " of " + maxRetries);
                try {
                    Thread.sleep(backoff(retry).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw ModelErrors.toApiException(e);
                }
            }
        }
    }
}
