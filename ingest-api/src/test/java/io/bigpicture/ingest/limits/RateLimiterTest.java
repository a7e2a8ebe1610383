package io.bigpicture.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(now::get);
    private final UUID source = UUID.randomUUID();

    @Test
    void aSecondsWorthPassesThenTheRestWaits() {
        assertThat(limiter.acquire(source, 60, 100)).isEmpty();
        assertThat(limiter.acquire(source, 40, 100)).isEmpty();

        assertThat(limiter.acquire(source, 1, 100)).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void theBucketRefillsWithTime() {
        limiter.acquire(source, 100, 100);
        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.acquire(source, 50, 100)).isEmpty();
        assertThat(limiter.acquire(source, 1, 100)).isPresent();
    }

    @Test
    void aBatchLargerThanTheRatePassesOnceAndItsDebtSaysHowLongToWait() {
        assertThat(limiter.acquire(source, 300, 100)).isEmpty();

        assertThat(limiter.acquire(source, 1, 100)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2001)));
        now.addAndGet(Duration.ofSeconds(2).toNanos() + 1);
        assertThat(limiter.acquire(source, 1, 100)).isEmpty();
    }

    @Test
    void sourcesDoNotShareABucket() {
        limiter.acquire(source, 100, 100);

        assertThat(limiter.acquire(UUID.randomUUID(), 100, 100)).isEmpty();
    }
}
