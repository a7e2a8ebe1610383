package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.SyncRunStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The steps of one run as they happen, with their outcomes and durations, for the run's record.
 * Every step is safe to stop after (the next run picks up from the catalog), so when the worker is
 * asked to stop, no new step begins.
 */
public final class SyncSteps {

    /** Thrown instead of beginning a step once the worker is stopping. */
    public static final class StopRequested extends Exception {
        private final String nextStep;

        StopRequested(String nextStep) {
            super("the worker was stopping before step '" + nextStep + "'");
            this.nextStep = nextStep;
        }

        public String nextStep() {
            return nextStep;
        }
    }

    /** A step's work; it may fail with any exception, which is recorded and passed on. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    public record Step(String name, String table, SyncRunStep.Outcome outcome, long millis, String detail) {
    }

    /** Steps of one run may happen on several threads (uploads beside loads). */
    private final List<Step> steps = Collections.synchronizedList(new ArrayList<>());
    private final BooleanSupplier stopping;

    /** A run nobody stops. */
    public SyncSteps() {
        this(() -> false);
    }

    public SyncSteps(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    public <T> T run(String name, String table, Work<T> work) throws Exception {
        return run(name, table, null, work);
    }

    /** @param done what the step did, in words, for the run's record (where a person should read it) */
    public <T> T run(String name, String table, String done, Work<T> work) throws Exception {
        if (stopping.getAsBoolean()) {
            throw new StopRequested(table == null ? name : name + " " + table);
        }
        long started = System.nanoTime();
        try {
            T result = work.run();
            steps.add(new Step(name, table, SyncRunStep.Outcome.SUCCEEDED, elapsedMillis(started), done));
            return result;
        } catch (Exception e) {
            steps.add(new Step(name, table, SyncRunStep.Outcome.FAILED, elapsedMillis(started), String.valueOf(e.getMessage())));
            throw e;
        }
    }

    public List<Step> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
