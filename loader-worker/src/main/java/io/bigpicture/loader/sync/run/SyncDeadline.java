package io.bigpicture.loader.sync.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sync's wall-clock limit: once it has passed, the warehouse sessions the sync opened are aborted,
 * so that a server that answers too slowly for the statement limits to catch cannot hold a worker,
 * and the run fails saying so. Its leases stop being renewed at the same moment ({@link SyncLeases}).
 */
final class SyncDeadline implements AutoCloseable {

    private final Duration limit;
    private final List<Connection> sessions = new ArrayList<>();
    private final ScheduledFuture<?> alarm;
    private boolean passed;

    SyncDeadline(Duration limit, ScheduledExecutorService timer) {
        this.limit = limit;
        this.alarm = timer.schedule(this::pass, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Aborted when the limit passes; at once if it has passed already. */
    synchronized void watch(Connection session) {
        if (passed) {
            abort(session);
        } else {
            sessions.add(session);
        }
    }

    synchronized boolean passed() {
        return passed;
    }

    /** What the run's record says. */
    String inWords() {
        return "the sync ran longer than its limit of " + limit.toString().substring(2).toLowerCase() + " (bigpicture.sync.max-duration)"
                + " and was stopped; the next sync goes on from what is loaded. If the warehouse was busy, it may only need another"
                + " try; if every sync of this warehouse runs this long, load less at a time (bigpicture.sync.max-staged-bytes-per-sync).";
    }

    private synchronized void pass() {
        passed = true;
        sessions.forEach(SyncDeadline::abort);
        sessions.clear();
    }

    private static void abort(Connection session) {
        try {
            // on the calling thread: the session's socket is closed, whatever statement it waits in
            session.abort(Runnable::run);
        } catch (SQLException | SecurityException ignored) {
            // closed already: nothing is waiting on it
        }
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }
}
