package io.bigpicture.warehouse.dialect;

import java.time.Duration;

/**
 * How long a session with a tenant's warehouse may wait: to connect and log in, for one statement,
 * and for a lock. Every session gets all three, so a server that accepts a connection and then
 * never answers, or holds a lock, costs a worker a bounded time and no more.
 */
public record SessionLimits(Duration connect, Duration statement, Duration lock) {

    /** Reads wait this much longer than a statement may run, so that the statement's own limit speaks first. */
    private static final Duration SOCKET_MARGIN = Duration.ofSeconds(30);

    public SessionLimits {
        if (connect.isNegative() || connect.isZero() || statement.isNegative() || statement.isZero() || lock.isNegative() || lock.isZero()) {
            throw new IllegalArgumentException("session limits must be positive: " + connect + ", " + statement + ", " + lock);
        }
    }

    public String connectSeconds() {
        return Long.toString(Math.max(1, connect.toSeconds()));
    }

    /** For the drivers' socket timeout: a read that waits longer ends the session. */
    public String socketSeconds() {
        return Long.toString(statement.plus(SOCKET_MARGIN).toSeconds());
    }

    public long statementMillis() {
        return statement.toMillis();
    }

    public long lockMillis() {
        return lock.toMillis();
    }
}
