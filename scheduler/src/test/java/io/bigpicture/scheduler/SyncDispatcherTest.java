package io.bigpicture.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bigpicture.catalog.SyncSchedule;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SyncDispatcherTest {

    @Test
    void aDueWarehouseGetsOneJobPerSourceOnTheQueueAndMovesToItsNextSlot() {
        TestSource source = TestingCatalog.source("due_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set next_sync_at = now() - interval '150 minutes' where id = ?", warehouse);

        await().atMost(Duration.ofSeconds(20)).until(() -> "QUEUED".equals(
                TestingCatalog.single("select status from sync_job where warehouse_id = ? and trigger = 'SCHEDULE'", warehouse)));

        UUID job = (UUID) TestingCatalog.single("select id from sync_job where warehouse_id = ?", warehouse);
        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ?", warehouse)).isEqualTo(1L);
        long secondsToNext = ((Number) TestingCatalog.single(
                "select extract(epoch from next_sync_at - now()) from warehouse where id = ?", warehouse)).longValue();
        // 150 minutes late on an hourly schedule: the next slot is within the hour, on the tenant's minute
        assertThat(secondsToNext).isBetween(0L, 60 * 60L);
        assertThat(((Number) TestingCatalog.single("select extract(minute from next_sync_at at time zone 'UTC') from warehouse where id = ?",
                warehouse)).longValue()).isEqualTo(SyncSchedule.Every.minutes(60, source.tenantId()).offset().toMinutes());
        assertThat(jobsOnTheQueue(job)).contains(job);
    }

    @Test
    void aCronWarehouseGetsItsJobAndMovesToTheExpressionsNextTime() {
        TestSource source = TestingCatalog.source("cron_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set sync_cron = '0 3 * * *', next_sync_at = now() - interval '2 days' where id = ?", warehouse);

        await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) TestingCatalog.single(
                "select next_sync_at > now() from warehouse where id = ?", warehouse));

        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ? and trigger = 'SCHEDULE'", warehouse)).isEqualTo(1L);
        assertThat(TestingCatalog.single("select to_char(next_sync_at at time zone 'UTC', 'HH24:MI') from warehouse where id = ?", warehouse))
                .isEqualTo("03:00");
        assertThat(TestingCatalog.single("select next_sync_at - now() <= interval '1 day' from warehouse where id = ?", warehouse)).isEqualTo(true);
    }

    @Test
    void aPausedWarehouseGetsNoScheduledJob() {
        TestSource source = TestingCatalog.source("paused_" + UUID.randomUUID().toString().substring(0, 8));
        UUID paused = TestingCatalog.warehouse(source);
        UUID running = TestingCatalog.warehouse(source, "warehouse_paused_test");
        TestingCatalog.execute("update warehouse set paused = true, next_sync_at = now() - interval '1 hour' where id = ?", paused);
        TestingCatalog.execute("update warehouse set next_sync_at = now() - interval '1 hour' where id = ?", running);

        await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) TestingCatalog.single(
                "select next_sync_at > now() from warehouse where id = ?", running));

        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ?", running)).isEqualTo(1L);
        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ?", paused)).isEqualTo(0L);
        assertThat(TestingCatalog.single("select next_sync_at < now() from warehouse where id = ?", paused)).isEqualTo(true);
    }

    @Test
    void aWarehouseInItsQuietHoursSyncsAfterThem() {
        TestSource source = TestingCatalog.source("quiet_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        // quiet from this hour for two hours: the slot after now is quiet
        TestingCatalog.execute("update warehouse set quiet_from_hour = extract(hour from now() at time zone 'UTC'),"
                + " quiet_to_hour = mod(extract(hour from now() at time zone 'UTC')::int + 2, 24),"
                + " next_sync_at = now() - interval '1 minute' where id = ?", warehouse);

        await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) TestingCatalog.single(
                "select next_sync_at > now() from warehouse where id = ?", warehouse));

        assertThat(TestingCatalog.single("select next_sync_at >= date_trunc('hour', now()) + interval '2 hours' from warehouse where id = ?",
                warehouse)).as("moved past the quiet hours").isEqualTo(true);
        assertThat(TestingCatalog.single("select next_sync_at <= date_trunc('hour', now()) + interval '3 hours' from warehouse where id = ?",
                warehouse)).as("to the first hourly slot after them").isEqualTo(true);
    }

    @Test
    void aJobWhoseWorkerStoppedRenewingItsLeaseIsQueuedAgain() {
        TestSource source = TestingCatalog.source("lost_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        UUID job = TestingCatalog.syncJob(source, warehouse, "RUNNING");
        UUID alive = TestingCatalog.syncJob(TestingCatalog.source("alive_" + UUID.randomUUID().toString().substring(0, 8)), warehouse, "RUNNING");
        TestingCatalog.execute("update sync_job set lease_owner = 'dead-worker', lease_expires_at = now() - interval '1 second' where id = ?", job);
        TestingCatalog.execute("update sync_job set lease_owner = 'busy-worker', lease_expires_at = now() + interval '1 minute' where id = ?", alive);

        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertThat(jobsOnTheQueue(job)).contains(job);
        assertThat(TestingCatalog.single("select status from sync_job where id = ?", alive)).isEqualTo("RUNNING");
    }

    @Test
    void aJobWaitingForItsRetryIsQueuedOnlyFromThen() {
        TestSource source = TestingCatalog.source("retry_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        UUID job = TestingCatalog.syncJob(source, warehouse, "PENDING");
        TestingCatalog.execute("update sync_job set attempts = 1, not_before = now() + interval '1 hour' where id = ?", job);

        // several dispatch rounds (the schedule check runs every second in tests) leave it waiting
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> "PENDING".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));

        TestingCatalog.execute("update sync_job set not_before = now() - interval '1 second' where id = ?", job);
        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
    }

    @Test
    void aRequestedSyncIsPutOnTheQueueWithinSeconds() {
        TestSource source = TestingCatalog.source("now_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        UUID job = TestingCatalog.syncJob(source, warehouse, "PENDING");

        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertThat(jobsOnTheQueue(job)).contains(job);
    }

    @Test
    void aSourceWithAJobStillWaitingGetsNoSecondOne() {
        TestSource source = TestingCatalog.source("busy_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.syncJob(source, warehouse, "RUNNING");
        TestingCatalog.execute("update warehouse set next_sync_at = now() - interval '1 minute' where id = ?", warehouse);

        await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) TestingCatalog.single(
                "select next_sync_at > now() from warehouse where id = ?", warehouse));
        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ?", warehouse)).isEqualTo(1L);
    }

    /** Reads the sync-jobs queue until the job is there; what else is there stays for others. */
    private static Set<UUID> jobsOnTheQueue(UUID wanted) {
        Set<UUID> seen = new HashSet<>();
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.SYNC_JOBS_QUEUE)).queueUrl();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    seen.add(UUID.fromString(message.body()));
                }
                return seen.contains(wanted);
            });
        }
        return seen;
    }
}
