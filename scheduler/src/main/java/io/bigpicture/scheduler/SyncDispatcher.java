package io.bigpicture.scheduler;

import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.Warehouse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.aws.sqs.SqsOutboundMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Turns schedules and requests into work: due warehouses become PENDING jobs, PENDING jobs go on
 * {@code sync-jobs} and become QUEUED. Safe with several replicas: every claim is a row lock taken
 * with SKIP LOCKED, and a warehouse's next slot moves in the same transaction as its jobs are made.
 */
@ApplicationScoped
public class SyncDispatcher {

    private static final Logger LOG = Logger.getLogger(SyncDispatcher.class);

    /** Due warehouses, locked until the transaction ends; another replica skips them. */
    static final String LOCK_DUE = """
            select id from warehouse where next_sync_at <= :now and not paused
            order by next_sync_at limit :batch for update skip locked
            """;

    /** A job per source a due warehouse loads, unless that source already has one waiting or running. */
    static final String CREATE_JOBS = """
            insert into sync_job (id, tenant_id, warehouse_id, source_id, trigger, status)
            select gen_random_uuid(), d.tenant_id, d.warehouse_id, d.source_id, 'SCHEDULE', 'PENDING'
            from destination d
            where d.warehouse_id in (:due) and d.enabled and not exists (
                select 1 from sync_job j where j.warehouse_id = d.warehouse_id and j.source_id = d.source_id
                  and j.tenant_id = d.tenant_id and j.status in ('PENDING', 'QUEUED', 'RUNNING'))
            """;

    /** Jobs whose worker died (it stopped renewing their lease) wait again, for another worker. */
    static final String REQUEUE_ABANDONED = """
            update sync_job set status = 'PENDING', lease_owner = null
            where status = 'RUNNING' and lease_expires_at < now()
            """;

    static final String CLAIM_PENDING = """
            select id from sync_job where status = 'PENDING' and (not_before is null or not_before <= now())
            order by created_at limit :batch for update skip locked
            """;

    @Inject
    SchedulerConfig config;

    @Inject
    @Channel("sync-jobs")
    MutinyEmitter<String> syncJobs;

    @Inject
    SqsAsyncClient sqs;

    @ConfigProperty(name = "mp.messaging.outgoing.sync-jobs.queue")
    String syncJobsQueue;

    /**
     * Whether the queue has answered us once. The SQS connector looks its queue's URL up at its
     * first send and keeps the answer for good, a failure too: a first send while SQS does not
     * answer (a restart, a network blip) would stop every later one. So nothing is sent before the
     * queue has answered a lookup of our own, which is tried again at each dispatch until it does.
     */
    private volatile boolean queueAnswered;

    /**
     * In one transaction: lock the due warehouses, move each to its schedule's next slot after now,
     * and make their jobs, so that a slot makes jobs once whichever replica takes it.
     */
    @Scheduled(every = "${bigpicture.scheduler.schedule-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> createDueJobs() {
        return createDueJobs(Instant.now()).replaceWithVoid().chain(this::dispatchPending);
    }

    /** The jobs of the slots due at {@code now}; how many it made. */
    Uni<Integer> createDueJobs(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(LOCK_DUE, UUID.class)
                        .setParameter("now", now)
                        .setParameter("batch", config.batchSize())
                        .getResultList()
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(0) : session.find(Warehouse.class, due.toArray())
                                .invoke(warehouses -> warehouses.forEach(warehouse -> warehouse.moveToNextSlotAfter(now)))
                                .call(session::flush)
                                .chain(moved -> session.createNativeQuery(CREATE_JOBS).setParameter("due", due).executeUpdate()))))
                .invoke(created -> {
                    if (created > 0) {
                        LOG.infof("scheduled %d sync jobs", created);
                    }
                });
    }

    @Scheduled(every = "${bigpicture.scheduler.request-poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchPending() {
        return queueAnswers().chain(this::dispatchClaimed);
    }

    private Uni<Void> queueAnswers() {
        if (queueAnswered) {
            return Uni.createFrom().voidItem();
        }
        // the catalog's session needs the Vert.x context it was called on, which the SDK's answer comes back off
        Context context = Vertx.currentContext();
        Uni<Void> answered = Uni.createFrom().completionStage(() -> sqs.getQueueUrl(request -> request.queueName(syncJobsQueue)))
                .invoke(answer -> queueAnswered = true)
                .replaceWithVoid();
        return context == null ? answered : answered.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private Uni<Void> dispatchClaimed() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(REQUEUE_ABANDONED).executeUpdate()
                .invoke(abandoned -> {
                    if (abandoned > 0) {
                        LOG.warnf("%d sync jobs lost their worker; queued again", abandoned);
                    }
                })
                .chain(() -> session.createNativeQuery(CLAIM_PENDING, UUID.class)
                        .setParameter("batch", config.batchSize())
                        .getResultList())
                .chain(jobs -> send(jobs).chain(() -> markQueued(session, jobs)))));
    }

    private Uni<Void> send(List<UUID> jobs) {
        return Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndMerge(job -> syncJobs.sendMessage(Message.of(job.toString())
                        .addMetadata(SqsOutboundMetadata.builder().delaySeconds((int) config.jobDelay().toSeconds()).build())))
                .collect().asList().replaceWithVoid();
    }

    private static Uni<Void> markQueued(org.hibernate.reactive.mutiny.Mutiny.Session session, List<UUID> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createMutationQuery("update SyncJob set status = :queued, dispatchedAt = current_timestamp where id in :ids")
                .setParameter("queued", SyncJob.Status.QUEUED)
                .setParameter("ids", jobs)
                .executeUpdate()
                .invoke(count -> LOG.debugf("dispatched %d sync jobs", count))
                .replaceWithVoid();
    }
}
