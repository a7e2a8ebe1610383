package io.bigpicture.admin.api;

import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
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

    public record JobView(UUID id, UUID warehouseId, UUID sourceId, SyncJob.Trigger trigger, SyncJob.Status status,
                          boolean finished, Instant createdAt, Instant finishedAt, List<RunView> runs) {
        public static JobView of(SyncJob job, List<RunView> runs) {
            return new JobView(job.id(), job.warehouseId(), job.sourceId(), job.trigger(), job.status(),
                    job.status().isFinal(), job.createdAt(), job.finishedAt(), runs);
        }
    }

    /** One attempt: rows and discarded values per table, staged bytes read, the error in words. */
    public record RunView(UUID id, SyncRun.Status status, Instant startedAt, Instant finishedAt, Long rowsLoaded, Long bytesRead,
                          String error, Map<String, Long> rowsPerTable, Map<String, Long> discardsPerTable, List<StepView> steps) {
    }

    /** One step of a run: {@code table} is null for the steps of the whole run. */
    public record StepView(String step, String table, SyncRunStep.Outcome outcome, long millis, String detail) {
        public static StepView of(SyncRunStep step) {
            return new StepView(step.step(), step.tableName(), step.outcome(), step.millis(), step.detail());
        }
    }
}
