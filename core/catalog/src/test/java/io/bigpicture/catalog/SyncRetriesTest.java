package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SyncRetriesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SyncRetries RETRIES = new SyncRetries(5, Duration.ofMinutes(1), Duration.ofMinutes(10));

    @Test
    void waitsDoubleUpToTheLongestAndStopAfterTheLastAttempt() {
        assertThat(RETRIES.retryAt(1, false, NOW)).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(RETRIES.retryAt(2, false, NOW)).contains(NOW.plus(Duration.ofMinutes(2)));
        assertThat(RETRIES.retryAt(3, false, NOW)).contains(NOW.plus(Duration.ofMinutes(4)));
        assertThat(RETRIES.retryAt(4, false, NOW)).contains(NOW.plus(Duration.ofMinutes(8)));
        assertThat(RETRIES.retryAt(5, false, NOW)).isEmpty();
        assertThat(new SyncRetries(50, Duration.ofMinutes(1), Duration.ofMinutes(10)).retryAt(40, false, NOW))
                .contains(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void whatAPersonMustFixIsNotRetried() {
        assertThat(RETRIES.retryAt(1, true, NOW)).isEmpty();
    }

    @Property
    void aRetryNeverWaitsLessThanTheOneBeforeNorLongerThanTheLongest(@ForAll @IntRange(min = 1, max = 100) int attempt) {
        SyncRetries many = new SyncRetries(1000, Duration.ofSeconds(30), Duration.ofHours(1));
        Duration wait = Duration.between(NOW, many.retryAt(attempt, false, NOW).orElseThrow());
        Duration next = Duration.between(NOW, many.retryAt(attempt + 1, false, NOW).orElseThrow());
        assertThat(next).isGreaterThanOrEqualTo(wait).isLessThanOrEqualTo(Duration.ofHours(1));
    }
}
