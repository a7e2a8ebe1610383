package io.bigpicture.admin.api;

import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.SyncRunDiscardExample;
import io.bigpicture.catalog.SyncRunStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sync jobs and their runs in the API. */
public final class SyncApi {

    private SyncApi() {
    }

    public record Requested(List<JobView> jobs) {
    }

    /** {@code retryAt}: a failed run that may pass is tried again then (the job waits meanwhile). */
    public record JobView(UUID id, UUID warehouseId, UUID sourceId, SyncJob.Trigger trigger, SyncJob.Status status,
                          boolean finished, Instant createdAt, Instant finishedAt, int attempts, Instant retryAt, List<RunView> runs) {
        public static JobView of(SyncJob job, List<RunView> runs) {
            return new JobView(job.id(), job.warehouseId(), job.sourceId(), job.trigger(), job.status(),
                    job.status().isFinal(), job.createdAt(), job.finishedAt(), job.attempts(), job.notBefore(), runs);
        }
    }

    /**
     * One attempt: how long it took, rows and discarded values per table with a few examples of
     * the latter, what each filter rule kept out (messages, or rows for selective sync), staged
     * bytes read, the staged files and bytes it left for the next part of a backlog, the error in words.
     */
    public record RunView(UUID id, SyncRun.Status status, Instant startedAt, Instant finishedAt, Long durationMillis, Long rowsLoaded,
                          Long bytesRead, String error, Map<String, Long> rowsPerTable, Map<String, Long> discardsPerTable,
                          List<DiscardExampleView> discardExamples, Map<String, Long> keptOutByRule, int filesLeft, long bytesLeft,
                          List<StepView> steps) {

        /** What a person should read: staging files set aside, tables or the warehouse at a limit, names that look unbounded. */
        public List<String> notes() {
            return steps.stream().filter(step -> SyncRunStep.NOTED.contains(step.step()) && step.detail() != null).map(StepView::detail).toList();
        }

        /** For people: "4.2 s", "3 min 5 s"; empty while the run goes on. */
        public String took() {
            if (durationMillis == null) {
                return "";
            }
            long seconds = durationMillis / 1000;
            return seconds < 60 ? String.format(java.util.Locale.ROOT, "%.1f s", durationMillis / 1000.0)
                    : seconds / 60 + " min " + seconds % 60 + " s";
        }
    }

    /** A value left out of a table (cut to 200 characters), and why; the schema's discards table has them all. */
    public record DiscardExampleView(String table, String column, String value, String reason) {
        public static DiscardExampleView of(SyncRunDiscardExample example) {
            return new DiscardExampleView(example.tableName(), example.columnName(), example.value(), example.reason());
        }
    }

    /** One step of a run: {@code table} is null for the steps of the whole run. */
    public record StepView(String step, String table, SyncRunStep.Outcome outcome, long millis, String detail) {
        public static StepView of(SyncRunStep step) {
            return new StepView(step.step(), step.tableName(), step.outcome(), step.millis(), step.detail());
        }
    }
}
