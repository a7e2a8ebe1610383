package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.StagingFile;
import io.bigpicture.catalog.StagingFileLoad;
import io.bigpicture.catalog.StagingTableRetry;
import io.bigpicture.catalog.SyncBatch;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.SyncRunDiscardExample;
import io.bigpicture.catalog.SyncRunFilterCount;
import io.bigpicture.catalog.SyncRunStep;
import io.bigpicture.catalog.SyncRunTable;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseColumn;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.warehouse.ColumnType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * A sync's records in the catalog, for a worker thread: what it loads next, what it loaded, how
 * its run ended and what its job does next. Each method is one transaction and blocks until it
 * commits; every query is scoped by the job's tenant.
 */
@ApplicationScoped
public class SyncRuns {

    private static final Logger LOG = Logger.getLogger(SyncRuns.class);

    @Inject
    LoaderConfig config;

    @Inject
    SyncLeases leases;

    /** The part of the source's staged files this warehouse has not loaded that this sync takes, oldest first. */
    public SyncBatch pendingBatch(SyncStart start, int maxFiles, long maxBytes) {
        String pending = """
                from StagingFile f
                where f.tenantId = :tenant and f.sourceId = :source and f.quarantinedAt is null
                  and (not exists (from StagingFileLoad l where l.stagingFileId = f.id and l.warehouseId = :warehouse)
                       or exists (from StagingTableRetry r where r.stagingFileId = f.id and r.warehouseId = :warehouse))""";
        return CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.createSelectionQuery(pending + " order by f.createdAt, f.id", StagingFile.class)
                .setParameter("tenant", start.job().tenantId())
                .setParameter("source", start.job().sourceId())
                .setParameter("warehouse", start.job().warehouseId())
                .setMaxResults(maxFiles)
                .getResultList()
                .chain(files -> session.createSelectionQuery("select count(f), coalesce(sum(f.byteSize), 0) " + pending, Object[].class)
                        .setParameter("tenant", start.job().tenantId())
                        .setParameter("source", start.job().sourceId())
                        .setParameter("warehouse", start.job().warehouseId())
                        .getSingleResult()
                        .map(totals -> SyncBatch.take(files, ((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(), maxBytes)))));
    }

    /** The file is set aside (its object already moved to its quarantine key): no sync takes it again. */
    public void quarantine(SyncStart start, StagingFile file, String reason) {
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> CatalogTransactions.scoped(session, StagingFile.class, file.id(), start.job().tenantId())
                .invoke(stored -> stored.quarantine(reason, start.run().id(), Instant.now()))));
    }

    /** Brings the schema catalog in line with the warehouse schema as it is now, columns added or dropped by hand included. */
    public void recordColumns(SyncStart start, String schema, Map<String, Map<String, ColumnType>> tables) {
        UUID tenant = start.job().tenantId();
        UUID warehouse = start.job().warehouseId();
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.createSelectionQuery("""
                        from WarehouseColumn c
                        where c.tenantId = :tenant and c.warehouseId = :warehouse and c.schemaName = :schema""", WarehouseColumn.class)
                .setParameter("tenant", tenant)
                .setParameter("warehouse", warehouse)
                .setParameter("schema", schema)
                .getResultList()
                .chain(known -> {
                    Set<String> present = new HashSet<>();
                    known.forEach(column -> present.add(column.tableName() + "." + column.columnName()));
                    // dropped by hand in the warehouse: the catalog follows the warehouse
                    List<WarehouseColumn> gone = known.stream()
                            .filter(column -> !tables.getOrDefault(column.tableName(), Map.of()).containsKey(column.columnName()))
                            .toList();
                    List<WarehouseColumn> missing = tables.entrySet().stream()
                            .flatMap(table -> table.getValue().entrySet().stream()
                                    .filter(column -> !present.contains(table.getKey() + "." + column.getKey()))
                                    .map(column -> new WarehouseColumn(tenant, warehouse, schema, table.getKey(),
                                            column.getKey(), column.getValue().name(), Instant.now())))
                            .toList();
                    return session.removeAll(gone.toArray()).chain(() -> session.persistAll(missing.toArray()));
                })));
    }

    /** The run loaded these files (of the retried ones, their tables to retry): rows and discards per table; a backlog it left gets a job at once. */
    public void succeed(SyncStart start, List<StagingFile> files, Map<UUID, Set<String>> retried, SyncRun.Backlog left,
                        WarehouseLoad.Loaded loaded, SyncSteps steps) {
        recordLoad(start, files, retried, left, loaded, null, steps);
    }

    /**
     * Some tables loaded, the others failed: the files count as loaded, and each failed table of
     * each file waits for the next sync, which loads those only. The job ends (as failed, its run
     * PARTIAL) rather than wait for a retry, so that the next sync, scheduled or asked for, runs.
     */
    public void partial(SyncStart start, List<StagingFile> files, Map<UUID, Set<String>> retried, SyncRun.Backlog left,
                        WarehouseLoad.Loaded loaded, SyncErrors.Failure failure, SyncSteps steps) {
        recordLoad(start, files, retried, left, loaded, failure, steps);
    }

    private void recordLoad(SyncStart start, List<StagingFile> files, Map<UUID, Set<String>> retried, SyncRun.Backlog left,
                            WarehouseLoad.Loaded loaded, SyncErrors.Failure failure, SyncSteps steps) {
        UUID tenant = start.job().tenantId();
        UUID warehouse = start.job().warehouseId();
        long bytes = files.stream().mapToLong(StagingFile::byteSize).sum();
        long rowsLoaded = loaded.rowsPerTable().values().stream().mapToLong(Long::longValue).sum();
        Instant now = Instant.now();
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> {
            List<Object> rows = new ArrayList<>();
            for (StagingFile file : files) {
                if (!retried.containsKey(file.id())) {
                    rows.add(new StagingFileLoad(tenant, file.id(), warehouse, start.run().id(), now));
                }
                loaded.failedTables().keySet().stream()
                        .filter(table -> !retried.containsKey(file.id()) || retried.get(file.id()).contains(table))
                        .forEach(table -> rows.add(new StagingTableRetry(tenant, warehouse, file.id(), table, now)));
            }
            loaded.rowsPerTable().forEach((table, count) -> rows.add(new SyncRunTable(tenant, start.run().id(), table, count,
                    loaded.discardsPerTable().getOrDefault(table, 0L))));
            loaded.keptOutByRule().forEach((rule, count) -> rows.add(new SyncRunFilterCount(tenant, start.run().id(), rule, count)));
            loaded.discardExamples().forEach(example -> rows.add(new SyncRunDiscardExample(tenant, start.run().id(), example.table(),
                    example.column(), example.value(), example.reason())));
            rows.addAll(stepRows(start, steps));
            List<UUID> fileIds = files.stream().map(StagingFile::id).toList();
            return session.createMutationQuery("delete from StagingTableRetry r where r.tenantId = :tenant and r.warehouseId = :warehouse"
                            + " and r.stagingFileId in (:files)")
                    .setParameter("tenant", tenant).setParameter("warehouse", warehouse).setParameter("files", fileIds)
                    .executeUpdate()
                    .chain(() -> session.persistAll(rows.toArray()))
                    .chain(() -> finish(session, start, rowsLoaded, bytes, left, failure, failure != null));
        }));
    }

    /** For each pending file that loaded before but for some tables, those tables. */
    public Map<UUID, Set<String>> tablesToRetry(SyncStart start, List<StagingFile> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        return CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.createSelectionQuery(
                        "from StagingTableRetry r where r.tenantId = :tenant and r.warehouseId = :warehouse and r.stagingFileId in (:files)",
                        StagingTableRetry.class)
                .setParameter("tenant", start.job().tenantId())
                .setParameter("warehouse", start.job().warehouseId())
                .setParameter("files", files.stream().map(StagingFile::id).toList())
                .getResultList()
                .map(retries -> {
                    Map<UUID, Set<String>> tables = new HashMap<>();
                    retries.forEach(retry -> tables.computeIfAbsent(retry.stagingFileId(), file -> new HashSet<>()).add(retry.tableName()));
                    return tables;
                })));
    }

    /**
     * Retried later when the failure may pass; otherwise the job has failed, and the warehouse needs
     * a person if it is theirs to fix. True when the job failed for good although no person can fix
     * it: it kept failing until it ran out of attempts.
     */
    public boolean fail(SyncStart start, SyncErrors.Failure failure, SyncSteps steps) {
        return CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.persistAll(stepRows(start, steps).toArray())
                .chain(() -> finish(session, start, 0, 0, SyncRun.Backlog.NONE, failure, false))))
                == SyncJob.Status.FAILED && !failure.needsPerson();
    }

    /**
     * This worker is stopping: the run ends between two steps, and the job waits for another worker
     * at once, without counting the stopped run as an attempt.
     */
    public void handBack(SyncStart start, SyncSteps.StopRequested stop, SyncSteps steps) {
        Instant now = Instant.now();
        leases.ended(start.job().id());
        CatalogTransactions.inTransaction(() -> CatalogTransactions.session().chain(session -> session.persistAll(stepRows(start, steps).toArray())
                .chain(() -> session.find(SyncRun.class, start.run().id()))
                .invoke(run -> run.fail("the worker running this sync was asked to stop; it handed the sync back before step '"
                        + stop.nextStep() + "', and another worker runs it again", now))
                .chain(() -> CatalogTransactions.scoped(session, SyncJob.class, start.job().id(), start.job().tenantId()))
                .chain(job -> {
                    if (!leases.holds(job)) {
                        return Uni.createFrom().voidItem();
                    }
                    job.handBack();
                    return SyncLeases.release(session, job);
                })));
    }

    private static List<SyncRunStep> stepRows(SyncStart start, SyncSteps steps) {
        List<SyncRunStep> rows = new ArrayList<>();
        List<SyncSteps.Step> taken = steps.steps();
        for (int i = 0; i < taken.size(); i++) {
            SyncSteps.Step step = taken.get(i);
            rows.add(new SyncRunStep(start.job().tenantId(), start.run().id(), i, step.name(), step.table(), step.outcome(),
                    step.millis(), step.detail()));
        }
        return rows;
    }

    /**
     * A null failure means success. The job finishes (or waits for its retry), and its warehouse is
     * free again, unless another worker took the job over meanwhile (this one's lease ran out):
     * then it is that one's.
     */
    private Uni<SyncJob.Status> finish(Mutiny.Session session, SyncStart start, long rows, long bytes, SyncRun.Backlog left,
                                       SyncErrors.Failure failure, boolean partial) {
        Instant now = Instant.now();
        leases.ended(start.job().id());
        return session.find(SyncRun.class, start.run().id()).chain(run -> {
            if (failure == null) {
                run.succeed(rows, bytes, left, now);
            } else if (partial) {
                run.partial(rows, bytes, left, failure.reason(), now);
            } else {
                run.fail(failure.reason(), now);
            }
            return CatalogTransactions.scoped(session, SyncJob.class, start.job().id(), start.job().tenantId());
        }).chain(job -> {
            if (!leases.holds(job)) {
                LOG.warnf("sync job %s was taken over by another worker while this one ran it", job.id());
                return Uni.createFrom().item(job.status());
            }
            return CatalogTransactions.scoped(session, Warehouse.class, job.warehouseId(), job.tenantId()).chain(warehouse -> {
                Uni<Void> next = Uni.createFrom().voidItem();
                if (failure == null) {
                    job.finished(true, now);
                    warehouse.needsAttention(null);
                    if (!left.isEmpty()) {
                        LOG.infof("sync job %s left %d staged files (%d bytes); the next part follows", job.id(), left.files(), left.bytes());
                        next = session.persist(new SyncJob(job.tenantId(), job.warehouseId(), job.sourceId(), SyncJob.Trigger.BACKLOG, now));
                    }
                } else {
                    if (partial) {
                        // its failed tables wait in staging_table_retry for the next sync, which need not wait for a backoff
                        job.finished(false, now);
                    } else {
                        Optional<Instant> retry = config.sync().retries().retryAt(job.attempts(), failure.needsPerson(), now);
                        retry.ifPresentOrElse(job::retryAt, () -> job.finished(false, now));
                    }
                    if (failure.needsPerson()) {
                        warehouse.needsAttention(failure.reason());
                    }
                }
                return next.chain(() -> SyncLeases.release(session, job)).replaceWith(job.status());
            });
        });
    }

}
