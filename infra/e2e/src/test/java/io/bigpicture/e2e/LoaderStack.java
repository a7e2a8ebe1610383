package io.bigpicture.e2e;

import static org.awaitility.Awaitility.await;

import io.bigpicture.events.QueuedEvents;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The scheduler and loader workers as processes against the local stack of this JVM (embedded
 * PostgreSQL, ElasticMQ, S3Proxy), with timings short enough for a test, and events put on the
 * queue as the ingest API would.
 */
final class LoaderStack {

    /** Well within an SQS message, for the small events of these tests. */
    private static final int EVENTS_PER_MESSAGE = 500;
    private static final AtomicInteger WORKERS_STARTED = new AtomicInteger();

    private LoaderStack() {
    }

    static AppProcess startScheduler() throws Exception {
        return AppProcess.start("scheduler", "scheduler", appConfig(Map.of(
                "bigpicture.scheduler.request-poll-interval", "1s",
                "bigpicture.scheduler.job-delay", "0s")));
    }

    static AppProcess startWorker(Map<String, String> overrides) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "bigpicture.staging.flush-interval", "1s",
                // a dead worker's job goes to another one seconds later, not a minute
                "bigpicture.sync.lease", "3s",
                "bigpicture.sync.lease-renewal", "1s",
                "bigpicture.sync.tables-loaded-at-once", "1",
                "bigpicture.sync.stop-wait", "30s",
                // the stack's warehouse is on this machine
                "bigpicture.warehouses.allow-loopback", "true",
                // what a killed worker had received (or its long poll was about to) comes back this soon
                "mp.messaging.incoming.sync-jobs.visibility-timeout", "10",
                "mp.messaging.incoming.events.visibility-timeout", "10"));
        config.putAll(overrides);
        return AppProcess.start("loader-worker", "loader-worker-" + WORKERS_STARTED.incrementAndGet(), appConfig(config));
    }

    /** The apps' configuration for the stack of this JVM. */
    private static Map<String, String> appConfig(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(new LocalStackResource().start());
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.putAll(overrides);
        return config;
    }

    /** Puts the events on the queue as the ingest API would, and waits until they are staged. */
    static void stage(TestSource source, List<String> events) {
        long expectedInAll = staged(source) + events.size();
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.EVENTS_QUEUE)).queueUrl();
            for (int from = 0; from < events.size(); from += EVENTS_PER_MESSAGE) {
                List<String> some = events.subList(from, Math.min(events.size(), from + EVENTS_PER_MESSAGE));
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(QueuedEvents.encode(some)).messageAttributes(Map.of(
                        "tenantId", text(source.tenantId().toString()),
                        "sourceId", text(source.sourceId().toString()))));
            }
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> staged(source) == expectedInAll);
    }

    static long staged(TestSource source) {
        Object staged = TestingCatalog.single("select sum(event_count) from staging_file where source_id = ?", source.sourceId());
        return staged == null ? 0 : ((Number) staged).longValue();
    }

    static void sendJob(UUID job) {
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.SYNC_JOBS_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(job.toString()));
        }
    }

    static String track(String messageId, String event, String properties) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u1\",\"event\":\"" + event
                + "\",\"properties\":" + properties + ",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"timestamp\":\"2024-05-01T10:00:00Z\"}";
    }

    /** A database of the stack's PostgreSQL as its superuser, for what no app may do (locks, pg_stat_activity). */
    static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + LocalStackResource.stack().postgresPort() + "/" + database, "postgres", "");
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
