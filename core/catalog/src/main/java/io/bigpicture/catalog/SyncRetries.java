package io.bigpicture.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What follows a failed sync. An error a person must fix (a password, a grant) is not retried: the
 * warehouse needs attention. Any other is retried after a wait that doubles with each attempt,
 * up to {@code maxAttempts} attempts in all; then the job has failed.
 */
public record SyncRetries(int maxAttempts, Duration firstWait, Duration longestWait) {

    public SyncRetries {
        if (maxAttempts < 1 || firstWait.isNegative() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("retries need at least one attempt and waits that grow");
        }
    }

    /** When to try again after the {@code attempt}-th attempt failed (1 for the first); empty: give up. */
    public Optional<Instant> retryAt(int attempt, boolean needsPerson, Instant now) {
        if (needsPerson || attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = firstWait.multipliedBy(1L << Math.min(attempt - 1, 30));
        return Optional.of(now.plus(wait.compareTo(longestWait) > 0 ? longestWait : wait));
    }
}
