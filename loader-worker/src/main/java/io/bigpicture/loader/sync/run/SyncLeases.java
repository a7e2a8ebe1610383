package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.loader.config.LoaderConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Which worker runs which sync: a job is claimed with its warehouse (one job per warehouse, at most
 * so many per workspace) and held by leases this worker renews while it runs; a worker that dies
 * lets its leases run out, and another claims the job. Each method is one transaction.
 */
@ApplicationScoped
public class SyncLeases {

    private static final Logger LOG = Logger.getLogger(SyncLeases.class);

    /** Only while no other job holds the warehouse, or its hold ran out. */
    static final String LEASE_WAREHOUSE = """
            update warehouse set sync_lease_job = :job, sync_lease_expires_at = :until
            where id = :warehouse and tenant_id = :tenant
              and (sync_lease_job is null or sync_lease_job = :job or sync_lease_expires_at < :now)
            """;

    /** One claim per workspace at a time, so that two workers cannot both pass its cap. */
    static final String LOCK_WORKSPACE_CLAIMS =
            "select count(*) from (select pg_advisory_xact_lock(hashtext('sync-claims:' || :tenant))) as locked";

    static final String RUNNING_IN_WORKSPACE = """
            select count(*) from sync_job where tenant_id = :tenant and status = 'RUNNING' and lease_expires_at > :now and id <> :job
            """;

    static final String END_ABANDONED_RUNS = """
            update sync_run set status = 'FAILED', finished_at = :now,
                error = 'the worker running this sync stopped before it finished; the sync ran again'
            where sync_job_id = :job and tenant_id = :tenant and status = 'RUNNING'
            """;

    static final String RENEW_JOB_LEASES = """
            update sync_job set lease_expires_at = :until where id in (:jobs) and lease_owner = :worker and status = 'RUNNING'
            """;

    static final String RENEW_WAREHOUSE_LEASES = """
            update warehouse set sync_lease_expires_at = :until where sync_lease_job in (:jobs)
            """;

    /** A job this worker took off the queue but will not run: the scheduler queues it again. */
    static final String RETURN_UNCLAIMED = """
            update sync_job set status = 'PENDING' where id = :job and status = 'QUEUED'
            """;

    static final String RELEASE_WAREHOUSE = """
            update warehouse set sync_lease_job = null, sync_lease_expires_at = null where sync_lease_job = :job and tenant_id = :tenant
            """;

    @Inject
    LoaderConfig config;

    /** This worker, as the catalog's leases name it. */
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    /** The jobs this worker runs, whose leases it renews until their syncs' wall-clock limit, and when each started. */
    private final Map<UUID, Instant> running = new ConcurrentHashMap<>();

    /**
     * Claims a job that is waiting, or whose worker died (its lease ran out), together with its
     * warehouse. Empty if the job is done or another worker runs it; also when another job holds
     * the warehouse or its workspace runs as many syncs as it may, in which cases the job goes back
     * to waiting and the scheduler queues it again.
     */
    public Optional<SyncStart> start(UUID jobId) {
        Instant now = Instant.now();
        Instant until = now.plus(config.sync().lease());
        Optional<SyncStart> started = CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.find(SyncJob.class, jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> {
                    if (job == null || !job.claimable(now)) {
                        return Uni.createFrom().item(Optional.<SyncStart>empty());
                    }
                    return session.createNativeQuery(LOCK_WORKSPACE_CLAIMS, Long.class).setParameter("tenant", job.tenantId().toString()).getSingleResult()
                            .chain(() -> session.createNativeQuery(RUNNING_IN_WORKSPACE, Long.class)
                                    .setParameter("tenant", job.tenantId()).setParameter("now", now).setParameter("job", job.id())
                                    .getSingleResult())
                            .chain(runningInWorkspace -> {
                                if (runningInWorkspace >= config.sync().maxRunningPerWorkspace()) {
                                    LOG.infof("sync job %s waits: workspace %s runs %d syncs", job.id(), job.tenantId(), runningInWorkspace);
                                    job.waitAgain();
                                    return Uni.createFrom().item(0);
                                }
                                return session.createNativeQuery(LEASE_WAREHOUSE)
                                        .setParameter("job", job.id()).setParameter("until", until).setParameter("now", now)
                                        .setParameter("warehouse", job.warehouseId()).setParameter("tenant", job.tenantId())
                                        .executeUpdate()
                                        .invoke(leased -> {
                                            if (leased == 0) {
                                                LOG.infof("sync job %s waits: another sync loads warehouse %s", job.id(), job.warehouseId());
                                                job.waitAgain();
                                            }
                                        });
                            })
                            .chain(leased -> {
                                if (leased == 0) {
                                    return Uni.createFrom().item(Optional.<SyncStart>empty());
                                }
                                return session.createNativeQuery(END_ABANDONED_RUNS)
                                        .setParameter("now", now).setParameter("job", job.id()).setParameter("tenant", job.tenantId())
                                        .executeUpdate()
                                        .chain(() -> begin(session, job, until));
                            });
                })));
        started.ifPresent(start -> running.put(start.job().id(), now));
        return started;
    }

    private Uni<Optional<SyncStart>> begin(Mutiny.Session session, SyncJob job, Instant until) {
        job.running(worker, until);
        SyncRun run = new SyncRun(job.tenantId(), job.id(), Instant.now());
        return session.persist(run)
                .chain(() -> CatalogTransactions.scoped(session, Warehouse.class, job.warehouseId(), job.tenantId()))
                .chain(warehouse -> CatalogTransactions.scoped(session, Source.class, job.sourceId(), job.tenantId())
                        .chain(source -> session.createSelectionQuery(
                                        "from Destination where tenantId = :tenant and sourceId = :source and warehouseId = :warehouse",
                                        Destination.class)
                                .setParameter("tenant", job.tenantId())
                                .setParameter("source", job.sourceId())
                                .setParameter("warehouse", job.warehouseId())
                                .getSingleResultOrNull()
                                .map(destination -> Optional.of(new SyncStart(job, run, warehouse, source, Optional.ofNullable(destination))))));
    }

    /** While a sync runs, its job and warehouse stay its own. */
    @Scheduled(every = "${bigpicture.sync.lease-renewal}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        Instant now = Instant.now();
        Instant startedSince = now.minus(config.sync().maxDuration());
        List<UUID> jobs = running.entrySet().stream().filter(job -> job.getValue().isAfter(startedSince)).map(Map.Entry::getKey).toList();
        if (jobs.isEmpty()) {
            return;
        }
        Instant until = now.plus(config.sync().lease());
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.createNativeQuery(RENEW_JOB_LEASES)
                .setParameter("until", until).setParameter("jobs", jobs).setParameter("worker", worker)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(RENEW_WAREHOUSE_LEASES).setParameter("until", until).setParameter("jobs", jobs)
                        .executeUpdate())));
    }

    /** A job taken off the queue while this worker stops, not started: it waits for the scheduler again. */
    public void returnUnclaimed(UUID jobId) {
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.createNativeQuery(RETURN_UNCLAIMED).setParameter("job", jobId).executeUpdate()));
    }

    /** Whether this worker still holds the job (another one takes it over once this one's lease ran out). */
    boolean holds(SyncJob job) {
        return job.runBy(worker);
    }

    /** The job's run ended here: its leases are no longer renewed. */
    void ended(UUID jobId) {
        running.remove(jobId);
    }

    /** The job's warehouse is free for another job, once the job's changes are flushed. */
    static Uni<Void> release(Mutiny.Session session, SyncJob job) {
        return session.flush().chain(() -> session.createNativeQuery(RELEASE_WAREHOUSE).setParameter("job", job.id())
                .setParameter("tenant", job.tenantId()).executeUpdate()).replaceWithVoid();
    }

}
