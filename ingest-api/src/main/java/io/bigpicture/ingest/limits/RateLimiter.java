package io.bigpicture.ingest.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Events per second per source, in this instance's memory: a token bucket of one second's worth
 * that a request may overdraw. A request is let in while the bucket is not empty, so that a batch
 * larger than the rate still gets through once; its debt then holds back what follows.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ConcurrentHashMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Empty when the events may pass; otherwise how long until they would. */
    public Optional<Duration> acquire(UUID source, int events, int perSecond) {
        return buckets.computeIfAbsent(source, id -> new Bucket(perSecond, nanoTime.getAsLong()))
                .acquire(events, perSecond, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int perSecond, long now) {
            this.tokens = perSecond;
            this.refilledAt = now;
        }

        synchronized Optional<Duration> acquire(int events, int perSecond, long now) {
            tokens = Math.min(perSecond, tokens + (now - refilledAt) * (double) perSecond / NANOS_PER_SECOND);
            refilledAt = now;
            if (tokens <= 0) {
                long waitNanos = (long) Math.ceil(-tokens * NANOS_PER_SECOND / perSecond) + 1;
                return Optional.of(Duration.ofNanos(waitNanos));
            }
            tokens -= events;
            return Optional.empty();
        }
    }
}
