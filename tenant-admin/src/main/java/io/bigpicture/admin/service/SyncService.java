package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.SyncApi;
import io.bigpicture.admin.repository.DestinationRepository;
import io.bigpicture.admin.repository.SyncJobRepository;
import io.bigpicture.admin.repository.SyncRunDiscardExampleRepository;
import io.bigpicture.admin.repository.SyncRunFilterCountRepository;
import io.bigpicture.admin.repository.SyncRunRepository;
import io.bigpicture.admin.repository.SyncRunStepRepository;
import io.bigpicture.admin.repository.SyncRunTableRepository;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.SyncRunDiscardExample;
import io.bigpicture.catalog.SyncRunFilterCount;
import io.bigpicture.catalog.SyncRunStep;
import io.bigpicture.catalog.SyncRunTable;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** "Sync now" and what became of it. The scheduler dispatches the jobs made here within seconds. */
@ApplicationScoped
public class SyncService {

    public static final int MAX_JOBS_LISTED = 200;

    @Inject
    WorkspaceService workspaces;

    @Inject
    SourceService sources;

    @Inject
    DestinationRepository destinations;

    @Inject
    SyncJobRepository jobs;

    @Inject
    SyncRunRepository runs;

    @Inject
    SyncRunTableRepository runTables;

    @Inject
    SyncRunStepRepository runSteps;

    @Inject
    SyncRunDiscardExampleRepository discardExamples;

    @Inject
    SyncRunFilterCountRepository filterCounts;

    /** One job per warehouse the source loads into. */
    @WithTransaction
    public Uni<SyncApi.Requested> requestNow(UUID workspaceId, UUID sourceId) {
        return sources.require(workspaceId, sourceId)
                .chain(source -> destinations.enabledOf(workspaceId, sourceId))
                .chain(targets -> {
                    if (targets.isEmpty()) {
                        throw ApiException.conflict("source " + sourceId + " loads into no warehouse yet; connect one first");
                    }
                    Instant now = Instant.now();
                    List<SyncJob> made = targets.stream()
                            .map(target -> new SyncJob(workspaceId, target.warehouseId(), sourceId, SyncJob.Trigger.MANUAL, now))
                            .toList();
                    return jobs.persist(made.stream()).replaceWith(new SyncApi.Requested(
                            made.stream().map(job -> SyncApi.JobView.of(job, List.of())).toList()));
                });
    }

    @WithSession
    public Uni<SyncApi.JobView> job(UUID workspaceId, UUID jobId) {
        return workspaces.require(workspaceId, MemberRole.VIEWER).chain(tenant -> jobs.inTenant(workspaceId, jobId)).chain(job -> {
            if (job == null) {
                throw ApiException.notFound("sync job " + jobId);
            }
            return view(job);
        });
    }

    /** Sync history: the workspace's latest jobs, newest first, each with its runs. */
    @WithSession
    public Uni<List<SyncApi.JobView>> latest(UUID workspaceId, int limit) {
        if (limit < 1 || limit > MAX_JOBS_LISTED) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_JOBS_LISTED);
        }
        return workspaces.require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> jobs.latestOf(tenant.id(), limit))
                .chain(latest -> Multi.createFrom().iterable(latest).onItem().transformToUniAndConcatenate(this::view).collect().asList());
    }

    private Uni<SyncApi.JobView> view(SyncJob job) {
        return runs.ofJob(job.tenantId(), job.id())
                .chain(attempts -> Multi.createFrom().iterable(attempts)
                        .onItem().transformToUniAndConcatenate(run -> runTables.ofRun(job.tenantId(), run.id())
                                .chain(tables -> discardExamples.ofRun(job.tenantId(), run.id())
                                        .chain(examples -> filterCounts.ofRun(job.tenantId(), run.id())
                                                .chain(keptOut -> runSteps.ofRun(job.tenantId(), run.id())
                                                        .map(steps -> view(run, tables, examples, keptOut, steps))))))
                        .collect().asList())
                .map(views -> SyncApi.JobView.of(job, views));
    }

    private static SyncApi.RunView view(SyncRun run, List<SyncRunTable> tables, List<SyncRunDiscardExample> examples,
                                        List<SyncRunFilterCount> keptOut, List<SyncRunStep> steps) {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> discards = new LinkedHashMap<>();
        tables.forEach(table -> {
            rows.put(table.tableName(), table.rowsLoaded());
            if (table.discards() > 0) {
                discards.put(table.tableName(), table.discards());
            }
        });
        Long millis = run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        return new SyncApi.RunView(run.id(), run.status(), run.startedAt(), run.finishedAt(), millis, run.rowsLoaded(), run.bytesRead(),
                run.error(), rows, discards, examples.stream().map(SyncApi.DiscardExampleView::of).toList(),
                keptOut.stream().collect(Collectors.toMap(SyncRunFilterCount::rule, SyncRunFilterCount::keptOut, Long::sum, LinkedHashMap::new)),
                run.backlog().files(), run.backlog().bytes(),
                steps.stream().map(SyncApi.StepView::of).toList());
    }
}
