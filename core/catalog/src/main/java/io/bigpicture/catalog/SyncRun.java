package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One attempt at a sync job. */
@Entity
@Table(name = "sync_run")
public class SyncRun extends TenantOwned {

    /** PARTIAL: some tables loaded, others failed and wait for the next sync. */
    public enum Status { RUNNING, SUCCEEDED, PARTIAL, FAILED }

    @Column(name = "sync_job_id")
    private UUID syncJobId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "rows_loaded")
    private Long rowsLoaded;
    /** Staged bytes (compressed) the run read. */
    @Column(name = "bytes_read")
    private Long bytesRead;
    private String error;
    /** Staged data this run left for the next: a backlog bigger than one sync takes. */
    @Column(name = "files_left")
    private Integer filesLeft;
    @Column(name = "bytes_left")
    private Long bytesLeft;

    protected SyncRun() {
    }

    public SyncRun(UUID tenantId, UUID syncJobId, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.syncJobId = syncJobId;
        this.status = Status.RUNNING;
        this.startedAt = now;
    }

    public void succeed(long rows, long bytes, Backlog left, Instant now) {
        status = Status.SUCCEEDED;
        rowsLoaded = rows;
        bytesRead = bytes;
        filesLeft = left.files();
        bytesLeft = left.bytes();
        finishedAt = now;
    }

    /** Staged files, and their bytes, that a run left for the next. */
    public record Backlog(int files, long bytes) {

        public static final Backlog NONE = new Backlog(0, 0);

        public boolean isEmpty() {
            return files == 0;
        }
    }

    /** Some tables loaded ({@code rows}), others did not, for the reason given. */
    public void partial(long rows, long bytes, Backlog left, String failedTables, Instant now) {
        succeed(rows, bytes, left, now);
        status = Status.PARTIAL;
        error = failedTables;
    }

    public void fail(String reason, Instant now) {
        status = Status.FAILED;
        error = reason;
        finishedAt = now;
    }

    public UUID syncJobId() {
        return syncJobId;
    }

    public Status status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Backlog backlog() {
        return new Backlog(filesLeft == null ? 0 : filesLeft, bytesLeft == null ? 0 : bytesLeft);
    }

    public Long rowsLoaded() {
        return rowsLoaded;
    }

    public Long bytesRead() {
        return bytesRead;
    }

    public String error() {
        return error;
    }
}
