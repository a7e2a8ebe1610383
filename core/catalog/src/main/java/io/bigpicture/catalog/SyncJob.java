package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A request to load a source's staged data into one warehouse: by schedule or by a person. */
@Entity
@Table(name = "sync_job")
public class SyncJob extends TenantOwned {

    /** BACKLOG: the next part of a backlog that one sync could not take. */
    public enum Trigger { SCHEDULE, MANUAL, BACKLOG }

    /** PENDING in the catalog only; QUEUED on {@code sync-jobs}; then a worker runs it. */
    public enum Status {
        PENDING, QUEUED, RUNNING, SUCCEEDED, FAILED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    @Column(name = "warehouse_id")
    private UUID warehouseId;
    @Column(name = "source_id")
    private UUID sourceId;
    @Enumerated(EnumType.STRING)
    private Trigger trigger;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    /** The worker running it, until the lease runs out unless renewed. */
    @Column(name = "lease_owner")
    private String leaseOwner;
    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;
    /** Runs started so far. */
    private int attempts;
    /** A retry waits until then. */
    @Column(name = "not_before")
    private Instant notBefore;

    protected SyncJob() {
    }

    public SyncJob(UUID tenantId, UUID warehouseId, UUID sourceId, Trigger trigger, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.warehouseId = warehouseId;
        this.sourceId = sourceId;
        this.trigger = trigger;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    /** Waiting, or running on a worker whose lease ran out: it died, so another may run the job. */
    public boolean claimable(Instant now) {
        return status == Status.PENDING || status == Status.QUEUED
                || (status == Status.RUNNING && leaseExpiresAt != null && leaseExpiresAt.isBefore(now));
    }

    public void running(String worker, Instant leaseExpiresAt) {
        status = Status.RUNNING;
        attempts++;
        notBefore = null;
        leaseOwner = worker;
        this.leaseExpiresAt = leaseExpiresAt;
    }

    /** Back to the scheduler, which puts it on the queue again (its warehouse was busy). */
    public void waitAgain() {
        status = Status.PENDING;
        leaseOwner = null;
        leaseExpiresAt = null;
    }

    /**
     * Its worker was asked to stop and gave the job back between two steps: waiting again, and the
     * stopped run does not count as an attempt.
     */
    public void handBack() {
        waitAgain();
        attempts = Math.max(0, attempts - 1);
    }

    /** Failed in a way that may pass: waiting again, to be queued from then on. */
    public void retryAt(Instant when) {
        waitAgain();
        notBefore = when;
    }

    public int attempts() {
        return attempts;
    }

    /** When a retry waits until; null when none does. */
    public Instant notBefore() {
        return notBefore;
    }

    public boolean runBy(String worker) {
        return status == Status.RUNNING && worker.equals(leaseOwner);
    }

    public void finished(boolean succeeded, Instant now) {
        status = succeeded ? Status.SUCCEEDED : Status.FAILED;
        finishedAt = now;
        leaseExpiresAt = null;
    }

    public UUID warehouseId() {
        return warehouseId;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
