package io.bigpicture.loader.sync;

import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.StagingFile;
import io.bigpicture.catalog.StagingFileLoad;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.SyncRunDiscardExample;
import io.bigpicture.catalog.SyncRunFilterCount;
import io.bigpicture.catalog.SyncRunStep;
import io.bigpicture.catalog.SyncRunTable;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseColumn;
import io.bigpicture.warehouse.ColumnType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The catalog as a sync sees it, for a worker thread: each method is one transaction and blocks
 * until it commits. Every query after the job's own is scoped by the job's tenant.
 */
@ApplicationScoped
public class SyncCatalog {

    /** Claims a job that is waiting; empty if another worker has it or it is done. */
    public Optional<SyncStart> start(UUID jobId) {
        return inTransaction(() -> session().chain(session -> session.find(SyncJob.class, jobId).chain(job -> {
            if (job == null || !(job.status() == SyncJob.Status.PENDING || job.status() == SyncJob.Status.QUEUED)) {
                return Uni.createFrom().item(Optional.<SyncStart>empty());
            }
            job.running();
            SyncRun run = new SyncRun(job.tenantId(), job.id(), Instant.now());
            return session.persist(run)
                    .chain(() -> scoped(session, Warehouse.class, job.warehouseId(), job.tenantId()))
                    .chain(warehouse -> scoped(session, Source.class, job.sourceId(), job.tenantId())
                            .chain(source -> session.createSelectionQuery(
                                            "from Destination where tenantId = :tenant and sourceId = :source and warehouseId = :warehouse",
                                            Destination.class)
                                    .setParameter("tenant", job.tenantId())
                                    .setParameter("source", job.sourceId())
                                    .setParameter("warehouse", job.warehouseId())
                                    .getSingleResultOrNull()
                                    .map(destination -> Optional.of(new SyncStart(job, run, warehouse, source, Optional.ofNullable(destination))))));
        })));
    }

    /** The source's staging files this warehouse has not loaded, oldest first. */
    public List<StagingFile> pendingFiles(SyncStart start, int limit) {
        return inTransaction(() -> session().chain(session -> session.createSelectionQuery("""
                        from StagingFile f
                        where f.tenantId = :tenant and f.sourceId = :source
                          and not exists (from StagingFileLoad l where l.stagingFileId = f.id and l.warehouseId = :warehouse)
                        order by f.createdAt, f.id""", StagingFile.class)
                .setParameter("tenant", start.job().tenantId())
                .setParameter("source", start.job().sourceId())
                .setParameter("warehouse", start.job().warehouseId())
                .setMaxResults(limit)
                .getResultList()));
    }

    /** Brings the schema catalog in line with the warehouse schema as it is now, columns added or dropped by hand included. */
    public void recordColumns(SyncStart start, String schema, Map<String, Map<String, ColumnType>> tables) {
        UUID tenant = start.job().tenantId();
        UUID warehouse = start.job().warehouseId();
        inTransaction(() -> session().chain(session -> session.createSelectionQuery("""
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

    /** The run loaded these files: rows and discards per table. */
    public void succeed(SyncStart start, List<StagingFile> files, WarehouseLoad.Loaded loaded, SyncSteps steps) {
        UUID tenant = start.job().tenantId();
        long bytes = files.stream().mapToLong(StagingFile::byteSize).sum();
        long rowsLoaded = loaded.rowsPerTable().values().stream().mapToLong(Long::longValue).sum();
        inTransaction(() -> session().chain(session -> {
            List<Object> rows = new ArrayList<>();
            files.forEach(file -> rows.add(new StagingFileLoad(tenant, file.id(), start.job().warehouseId(), start.run().id(), Instant.now())));
            loaded.rowsPerTable().forEach((table, count) -> rows.add(new SyncRunTable(tenant, start.run().id(), table, count,
                    loaded.discardsPerTable().getOrDefault(table, 0L))));
            loaded.keptOutByRule().forEach((rule, count) -> rows.add(new SyncRunFilterCount(tenant, start.run().id(), rule, count)));
            loaded.discardExamples().forEach(example -> rows.add(new SyncRunDiscardExample(tenant, start.run().id(), example.table(),
                    example.column(), example.value(), example.reason())));
            rows.addAll(stepRows(start, steps));
            return session.persistAll(rows.toArray()).chain(() -> finish(session, start, rowsLoaded, bytes, null));
        }));
    }

    public void fail(SyncStart start, String reason, SyncSteps steps) {
        inTransaction(() -> session().chain(session -> session.persistAll(stepRows(start, steps).toArray())
                .chain(() -> finish(session, start, 0, 0, reason))));
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

    /** A null reason means success. */
    private Uni<Void> finish(Mutiny.Session session, SyncStart start, long rows, long bytes, String failure) {
        boolean succeeded = failure == null;
        return session.find(SyncRun.class, start.run().id()).chain(run -> {
            if (succeeded) {
                run.succeed(rows, bytes, Instant.now());
            } else {
                run.fail(failure, Instant.now());
            }
            return scoped(session, SyncJob.class, start.job().id(), start.job().tenantId());
        }).invoke(job -> job.finished(succeeded, Instant.now())).replaceWithVoid();
    }

    /** Finds by id within the tenant; another tenant's row is as good as absent. */
    private static <T> Uni<T> scoped(Mutiny.Session session, Class<T> type, UUID id, UUID tenant) {
        return session.createSelectionQuery("from " + type.getSimpleName() + " e where e.id = :id and e.tenantId = :tenant", type)
                .setParameter("id", id)
                .setParameter("tenant", tenant)
                .getSingleResult();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
