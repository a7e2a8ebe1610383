package io.bigpicture.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.QueuedEvents;
import io.bigpicture.events.RejectNotice;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.warehouse.filter.CompiledFilters;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The worker against the real parts: events from the queue to S3 staging files, then into the warehouse. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StageAndSyncTest {

    @Test
    void queuedEventsAreStagedAndASyncLoadsThemOncePerId() throws Exception {
        TestSource source = TestingCatalog.source("shop_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);

        enqueue(source, List.of(
                track("m1", "Order Completed", "{\"price\":9,\"productId\":\"p-1\"}"),
                track("m1", "Order Completed", "{\"price\":9,\"productId\":\"p-1\"}"),
                track("m2", "Product Viewed", "{\"price\":\"cheap\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) TestingCatalog.single(
                "select count(*) from recent_event where source_id = ?", source.sourceId())).longValue() == 3);
        assertThat(TestingCatalog.single("select string_agg(event, ',' order by event) from recent_event where source_id = ?", source.sourceId()))
                .as("the live events view's feed").isEqualTo("Order Completed,Order Completed,Product Viewed");

        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(columnTypes(warehouseDb, source.schemaName(), "order_completed"))
                    .containsEntry("price", "bigint")
                    .containsEntry("product_id", "character varying")
                    .containsEntry("received_at", "timestamp without time zone");
            assertThat(columnTypes(warehouseDb, source.schemaName(), "product_viewed")).containsEntry("price", "character varying");
            assertThat(count(warehouseDb, source.schemaName(), "tracks")).isEqualTo(2);
            assertThat(count(warehouseDb, source.schemaName(), "order_completed")).isEqualTo(1);
        }
        assertThat(TestingCatalog.single("select count(*) from warehouse_column where warehouse_id = ? and table_name = 'order_completed' and column_name = 'price' and column_type = 'BIGINT'", warehouse))
                .isEqualTo(1L);
        assertThat(TestingCatalog.single("select string_agg(s.step || coalesce(':' || s.table_name, ''), ',' order by s.position)"
                + " from sync_run_step s join sync_run r on r.id = s.sync_run_id join sync_job j on j.id = r.sync_job_id"
                + " where j.warehouse_id = ? and s.outcome = 'SUCCEEDED'", warehouse))
                .asString().startsWith("connect,schema,load files,").contains("copy and merge:order_completed");
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsDiscardedAndTheRowStillLoads() throws Exception {
        TestSource source = TestingCatalog.source("discards_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("a1", "Order Completed", "{\"price\":9}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);
        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        enqueue(source, List.of(track("a2", "Order Completed", "{\"price\":\"a lot\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);
        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        try (Connection warehouseDb = TestingCatalog.warehouseConnection();
             ResultSet row = warehouseDb.createStatement().executeQuery(
                     "select price from \"" + source.schemaName() + "\".order_completed where id = 'a2'");
             ResultSet discard = warehouseDb.createStatement().executeQuery(
                     "select table_name, column_name, row_id, value, reason from \"" + source.schemaName() + "\".discards")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getObject(1)).isNull();
            assertThat(discard.next()).isTrue();
            assertThat(List.of(discard.getString(1), discard.getString(2), discard.getString(3), discard.getString(4), discard.getString(5)))
                    .containsExactly("order_completed", "price", "a2", "a lot", "not a whole number for a bigint column");
        }
        assertThat(TestingCatalog.single("select e.table_name || '.' || e.column_name || ' = ' || e.value_text || ': ' || e.reason"
                + " from sync_run_discard_example e join sync_run r on r.id = e.sync_run_id join sync_job j on j.id = r.sync_job_id"
                + " where j.warehouse_id = ?", warehouse))
                .isEqualTo("order_completed.price = a lot: not a whole number for a bigint column");
    }

    @Test
    void anUnreachableWarehouseIsTriedAgainLaterWithTheReasonRecorded() {
        TestSource source = TestingCatalog.source("unreachable_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set port = 1 where id = ?", warehouse);
        enqueue(source, List.of(track("b1", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");
        sendJob(job);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(TestingCatalog.single("select status from sync_run where sync_job_id = ?", job)));
        assertThat((String) TestingCatalog.single("select error from sync_run where sync_job_id = ?", job))
                .startsWith("could not connect to the warehouse at localhost:1/");
        assertThat(TestingCatalog.single("select s.step || ' ' || s.outcome from sync_run_step s join sync_run r on r.id = s.sync_run_id"
                + " where r.sync_job_id = ? order by s.position desc limit 1", job)).isEqualTo("connect FAILED");
        assertThat(TestingCatalog.single("select status || ' after ' || attempts || ', retry in ' || round(extract(epoch from not_before - now()) / 60)"
                + " || ' min' from sync_job where id = ?", job)).as("retried by the scheduler from then on").isEqualTo("PENDING after 1, retry in 1 min");
        assertThat(TestingCatalog.single("select attention from warehouse where id = ?", warehouse)).as("not a person's to fix").isNull();
    }

    /**
     * A tenant's "warehouse" that takes the connection and never says a word would hold a worker's
     * sync slot for ever without the login timeout; meanwhile another workspace's sync runs there.
     */
    @Test
    void aWarehouseThatAcceptsAndNeverAnswersFailsWithinItsLimitWhileAnotherWorkspacesSyncLoads() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TestSource stalling = TestingCatalog.source("stalling_" + UUID.randomUUID().toString().substring(0, 8));
            UUID silentWarehouse = TestingCatalog.warehouse(stalling);
            TestingCatalog.execute("update warehouse set host = '127.0.0.1', port = ? where id = ?", silent.getLocalPort(), silentWarehouse);
            TestSource other = TestingCatalog.source("neighbour_" + UUID.randomUUID().toString().substring(0, 8));
            UUID otherWarehouse = TestingCatalog.warehouse(other);
            enqueue(stalling, List.of(track("s1", "E", "{}")));
            enqueue(other, List.of(track("o1", "E", "{}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(stalling) == 1 && stagedEvents(other) == 1);

            UUID stalled = TestingCatalog.syncJob(stalling, silentWarehouse, "QUEUED");
            sendJob(stalled);
            await().atMost(Duration.ofSeconds(30)).until(() -> !held.isEmpty());
            assertThat(sync(other, otherWarehouse)).as("the neighbour's sync, while the silent one holds its session").isEqualTo("SUCCEEDED");

            await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(TestingCatalog.single("select status from sync_run where sync_job_id = ?", stalled)));
            assertThat((String) TestingCatalog.single("select error from sync_run where sync_job_id = ?", stalled))
                    .startsWith("could not connect to the warehouse at 127.0.0.1:" + silent.getLocalPort() + "/");
            assertThat(TestingCatalog.single("select (select max(r.finished_at) from sync_run r join sync_job j on j.id = r.sync_job_id"
                    + " where j.warehouse_id = ?) < s.finished_at from sync_run s where s.sync_job_id = ?", otherWarehouse, stalled))
                    .as("the neighbour finished first").isEqualTo(true);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aSourceLoadsIntoTheSchemaChosenForTheWarehouseFromTheNextSync() throws Exception {
        TestSource source = TestingCatalog.source("chosen_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        String chosen = "dashboards_" + UUID.randomUUID().toString().substring(0, 8);
        TestingCatalog.execute("update destination set schema_name = ? where source_id = ?", chosen, source.sourceId());
        enqueue(source, List.of(track("d1", "Order Completed", "{\"total\":5}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        try (Connection dw = warehouseSuperuser()) {
            assertThat(tables(dw, chosen)).contains("tracks", "order_completed");
            assertThat(tables(dw, source.schemaName())).as("the source's own schema").isEmpty();
        }
    }

    @Test
    void aJobThatKeepsFailingUntilItRunsOutOfAttemptsGoesToTheDeadLetterQueueAndIsFailed() {
        TestSource source = TestingCatalog.source("dead_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set port = 1 where id = ?", warehouse);
        enqueue(source, List.of(track("d1", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");
        // four runs failed before; the fifth is the last one bigpicture.sync.max-attempts allows
        TestingCatalog.execute("update sync_job set attempts = 4 where id = ?", job);
        sendJob(job);

        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.SYNC_JOBS_QUEUE + "-dlq")).queueUrl();
            Message dead = await().atMost(Duration.ofSeconds(30)).until(() -> sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                            .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                    .filter(message -> message.body().equals(job.toString())).findFirst().orElse(null), java.util.Objects::nonNull);
            assertThat(dead.messageAttributes().get("reason").stringValue()).startsWith("could not connect to the warehouse at localhost:1/");
            assertThat(dead.messageAttributes().get("tenantId").stringValue()).isEqualTo(source.tenantId().toString());
            assertThat(dead.messageAttributes().get("warehouseId").stringValue()).isEqualTo(warehouse.toString());
        }
        assertThat(TestingCatalog.single("select status || ' after ' || attempts from sync_job where id = ?", job))
                .as("visible as failed, no further retry").isEqualTo("FAILED after 5");
        assertThat(TestingCatalog.single("select status from sync_run where sync_job_id = ?", job)).isEqualTo("FAILED");
    }

    @Test
    void aRefusedLoginIsNotRetriedAndTheWarehouseNeedsAttentionUntilASyncSucceeds() {
        TestSource source = TestingCatalog.source("badlogin_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set password_secret = ? where id = ?",
                TestingCatalog.warehousePassword(source.tenantId(), warehouse, "not-the-password"), warehouse);
        enqueue(source, List.of(track("p1", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        assertThat(sync(source, warehouse)).isEqualTo("FAILED");
        assertThat(TestingCatalog.single("select string_agg(status, ',') from sync_job where warehouse_id = ?", warehouse)).as("no retry").isEqualTo("FAILED");
        assertThat((String) TestingCatalog.single("select attention from warehouse where id = ?", warehouse))
                .contains("refused user loader: check the user name and password in the warehouse settings.");

        TestingCatalog.execute("update warehouse set password_secret = ? where id = ?",
                TestingCatalog.warehousePassword(source.tenantId(), warehouse, LocalStack.WAREHOUSE_PASSWORD), warehouse);
        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");
        assertThat(TestingCatalog.single("select attention from warehouse where id = ?", warehouse)).isNull();
    }

    @Test
    void aWarehouseWhoseHostPointsIntoOurNetworkIsNeverConnectedToAndNeedsAttention() {
        TestSource source = TestingCatalog.source("inside_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        // saved before hosts were checked, or re-pointed in the catalog: the loader checks every connection
        TestingCatalog.execute("update warehouse set host = '169.254.169.254', port = 80 where id = ?", warehouse);
        enqueue(source, List.of(track("p1", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        assertThat(sync(source, warehouse)).isEqualTo("FAILED");
        assertThat(TestingCatalog.single("select string_agg(status, ',') from sync_job where warehouse_id = ?", warehouse)).as("no retry").isEqualTo("FAILED");
        assertThat((String) TestingCatalog.single("select attention from warehouse where id = ?", warehouse))
                .contains("the warehouse host 169.254.169.254 is, or resolves to, an address inside a private, loopback or link-local network");
    }

    @Test
    void aTableTheCustomerKeepsLockedIsGivenUpAtTheLockLimitAndTheNextSyncLoadsWhatItLeft() throws Exception {
        TestSource source = TestingCatalog.source("locked_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("l1", "Signed Up", "{\"plan\":\"team\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);
        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        try (Connection customer = TestingCatalog.warehouseConnection()) {
            customer.setAutoCommit(false);
            try (Statement statement = customer.createStatement()) {
                statement.execute("lock table \"" + source.schemaName() + "\".signed_up in access exclusive mode");
            }
            enqueue(source, List.of(track("l2", "Signed Up", "{\"plan\":\"team\",\"seats\":3}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);

            assertThat(sync(source, warehouse)).as("the other tables load").isEqualTo("PARTIAL");
            assertThat((String) TestingCatalog.single("select r.error from sync_run r join sync_job j on j.id = r.sync_job_id"
                    + " where j.warehouse_id = ? and r.status = 'PARTIAL'", warehouse))
                    .startsWith("1 of the tables did not load; the others did, and the next sync loads only these. signed_up: ")
                    .contains("was busy with other work");
            customer.rollback();
        }

        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "signed_up")).isEqualTo(2);
        }
    }

    @Test
    void theLiveEventsViewKeepsASourcesNewest50Events() {
        TestSource source = TestingCatalog.source("live_" + UUID.randomUUID().toString().substring(0, 8));
        enqueue(source, IntStream.range(0, 30).mapToObj(StageAndSyncTest::liveEvent).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> recentEvents(source) == 30);

        enqueue(source, IntStream.range(30, 60).mapToObj(StageAndSyncTest::liveEvent).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestingCatalog.single(
                "select count(*) from recent_event where source_id = ? and message_id = 'live-59'", source.sourceId()).equals(1L));

        assertThat(recentEvents(source)).isEqualTo(50);
        assertThat(TestingCatalog.single("select count(*) from recent_event where source_id = ? and message_id = 'live-9'", source.sourceId()))
                .as("the oldest are gone").isEqualTo(0L);
    }

    /** The i-th event, received i seconds after the first. */
    private static String liveEvent(int i) {
        return "{\"type\":\"track\",\"messageId\":\"live-" + i + "\",\"userId\":\"u1\",\"event\":\"E\",\"properties\":{},"
                + "\"receivedAt\":\"" + java.time.Instant.parse("2024-05-01T10:00:00Z").plusSeconds(i) + "\"}";
    }

    private static long recentEvents(TestSource source) {
        return ((Number) TestingCatalog.single("select count(*) from recent_event where source_id = ?", source.sourceId())).longValue();
    }

    /** The test profile sets {@code bigpicture.sync.columns-per-table.postgres} to 40. */
    @Test
    void aTableAtTheColumnLimitSetForItsWarehouseKindGetsNoMoreColumnsAndTheSyncSaysSo() throws Exception {
        TestSource source = TestingCatalog.source("wide_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        String properties = IntStream.range(0, 50).mapToObj(i -> "\"p" + i + "\":" + i).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        enqueue(source, List.of(track("w1", "Wide", properties)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);

        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");

        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(columnTypes(warehouseDb, source.schemaName(), "wide")).hasSize(40).containsKey("p0");
            assertThat(count(warehouseDb, source.schemaName(), "wide")).isEqualTo(1);
            try (ResultSet discarded = warehouseDb.createStatement().executeQuery("select count(*), min(reason) from \"" + source.schemaName()
                    + "\".discards where table_name = 'wide'")) {
                discarded.next();
                assertThat(discarded.getLong(1)).as("one value per column left out").isGreaterThan(0);
                assertThat(discarded.getString(2)).isEqualTo("column limit");
            }
        }
        assertThat((String) TestingCatalog.single("select s.detail from sync_run_step s join sync_run r on r.id = s.sync_run_id"
                + " join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ? and s.step = 'warning'", warehouse))
                .startsWith("table wide has the most columns it may have (40)");
    }

    @Test
    void aDamagedStagingFileIsSetAsideAndTheFilesAfterItLoad() throws Exception {
        TestSource source = TestingCatalog.source("damaged_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("c1", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);
        String key = (String) TestingCatalog.single("select object_key from staging_file where source_id = ?", source.sourceId());
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(damaged)) {
            gzip.write("{\"type\":\"track\",\"messageId\":".getBytes(StandardCharsets.UTF_8));
        }
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            s3.putObject(b -> b.bucket(LocalStack.BUCKET).key(key), RequestBody.fromBytes(damaged.toByteArray()));
        }
        enqueue(source, List.of(track("c2", "E", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);

        assertThat(sync(source, warehouse)).as("the file after the damaged one loads").isEqualTo("SUCCEEDED");
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "e")).isEqualTo(1);
        }
        String quarantined = "quarantine/" + key.substring("staging/".length());
        assertThat(TestingCatalog.single("select object_key || ' ' || (quarantined_by_run is not null) from staging_file"
                + " where source_id = ? and quarantined_at is not null", source.sourceId())).isEqualTo(quarantined + " true");
        assertThat((String) TestingCatalog.single("select s.detail from sync_run_step s join sync_run r on r.id = s.sync_run_id"
                + " join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ? and s.step = 'set aside' and s.outcome = 'SUCCEEDED'", warehouse))
                .as("shown in sync history").startsWith("set aside staging file " + key + " is damaged: ").endsWith("it is kept at " + quarantined);
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            assertThat(s3.listObjectsV2(b -> b.bucket(LocalStack.BUCKET).prefix(quarantined)).keyCount()).as("kept to look at").isEqualTo(1);
            assertThat(s3.listObjectsV2(b -> b.bucket(LocalStack.BUCKET).prefix(key)).keyCount()).as("moved").isZero();
        }
        assertThat(sync(source, warehouse)).as("not taken again").isEqualTo("SUCCEEDED");
        assertThat(TestingCatalog.single("select count(*) from sync_run_step s join sync_run r on r.id = s.sync_run_id"
                + " join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ? and s.step = 'set aside'", warehouse)).isEqualTo(1L);
    }

    @Test
    void aTableThatFailsDoesNotStopTheOthersAndTheNextSyncLoadsOnlyItWithoutDuplicatingTheRest() throws Exception {
        TestSource source = TestingCatalog.source("partial_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        // a table the customer made as another user: the loader may not add its columns
        try (Connection superuser = warehouseSuperuser()) {
            superuser.createStatement().execute("create schema \"" + source.schemaName() + "\" authorization " + LocalStack.WAREHOUSE_USER);
            superuser.createStatement().execute("create table \"" + source.schemaName() + "\".order_completed (id varchar(512))");
            superuser.createStatement().execute("grant select on \"" + source.schemaName() + "\".order_completed to " + LocalStack.WAREHOUSE_USER);
        }
        enqueue(source, List.of(
                track("q1", "Order Completed", "{\"price\":9}"),
                track("q2", "Product Viewed", "{\"sku\":\"p-1\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);

        assertThat(sync(source, warehouse)).isEqualTo("PARTIAL");
        assertThat((String) TestingCatalog.single("select r.error from sync_run r join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ?",
                warehouse)).startsWith("1 of the tables did not load; the others did, and the next sync loads only these. order_completed: ")
                .contains("ALTER TABLE \"" + source.schemaName() + "\".\"order_completed\" OWNER TO \"loader\";");
        assertThat(TestingCatalog.single("select attention from warehouse where id = ?", warehouse)).as("a person's to fix").isNotNull();
        assertThat(TestingCatalog.single("select status || ' ' || coalesce(not_before::text, 'no retry') from sync_job where warehouse_id = ?",
                warehouse)).as("ended, so that the next sync need not wait for a backoff").isEqualTo("FAILED no retry");
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "tracks")).isEqualTo(2);
            assertThat(count(warehouseDb, source.schemaName(), "product_viewed")).isEqualTo(1);
        }
        assertThat(TestingCatalog.single("select string_agg(table_name, ',') from staging_table_retry where warehouse_id = ?", warehouse))
                .isEqualTo("order_completed");

        try (Connection superuser = warehouseSuperuser()) {
            superuser.createStatement().execute("alter table \"" + source.schemaName() + "\".order_completed owner to " + LocalStack.WAREHOUSE_USER);
        }
        UUID next = TestingCatalog.syncJob(source, warehouse, "QUEUED");
        sendJob(next);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", next)));
        assertThat(TestingCatalog.single("select string_agg(t.table_name || '=' || t.rows_loaded, ',') from sync_run_table t"
                + " join sync_run r on r.id = t.sync_run_id where r.sync_job_id = ?", next)).as("only the table that failed").isEqualTo("order_completed=1");
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "order_completed")).isEqualTo(1);
            assertThat(count(warehouseDb, source.schemaName(), "tracks")).as("not loaded twice").isEqualTo(2);
        }
        assertThat(TestingCatalog.single("select count(*) from staging_table_retry where warehouse_id = ?", warehouse)).isEqualTo(0L);
        assertThat(TestingCatalog.single("select attention from warehouse where id = ?", warehouse)).isNull();
    }

    @Test
    void twoWarehousesFedByOneSourceGetWhatTheirOwnFiltersLetThroughAndARuleChangeCountsFromTheNextSync() throws Exception {
        TestSource source = TestingCatalog.source("filtered_" + UUID.randomUUID().toString().substring(0, 8));
        UUID everything = TestingCatalog.warehouse(source);
        UUID filtered = TestingCatalog.warehouse(source, "warehouse_filtered");
        TestingCatalog.execute("update destination set filters_json = ? where warehouse_id = ?", """
                {"events": {"mode": "BLOCK", "rules": [{"types": ["track"], "name": "Debug *"}]},
                 "properties": [{"path": "properties.email", "action": "DROP"}, {"path": "context.ip", "action": "HASH"}]}""", filtered);
        enqueue(source, List.of(
                trackWith("t1", "Order Completed", "{\"price\":9,\"email\":\"a@example.com\"}", "{\"ip\":\"1.2.3.4\"}"),
                track("t2", "Debug Click", "{\"x\":1}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);

        assertThat(sync(source, everything)).isEqualTo("SUCCEEDED");
        assertThat(sync(source, filtered)).isEqualTo("SUCCEEDED");

        String schema = source.schemaName();
        try (Connection all = TestingCatalog.warehouseConnection(); Connection some = TestingCatalog.warehouseConnection("warehouse_filtered")) {
            assertThat(tables(all, schema)).contains("order_completed", "debug_click", "tracks");
            assertThat(columnTypes(all, schema, "order_completed")).containsKeys("email", "context_ip");
            assertThat(tables(some, schema)).contains("order_completed", "tracks").doesNotContain("debug_click");
            assertThat(columnTypes(some, schema, "order_completed")).containsKey("context_ip").doesNotContainKey("email");
            assertThat(count(some, schema, "tracks")).isEqualTo(1);
            try (var ip = some.createStatement().executeQuery("select context_ip from \"" + schema + "\".order_completed")) {
                assertThat(ip.next()).isTrue();
                assertThat(ip.getString(1)).hasSize(64).isNotEqualTo("1.2.3.4");
            }
        }
        assertThat(TestingCatalog.single("select string_agg(c.rule || '=' || c.kept_out, ', ' order by c.rule) from sync_run_filter_count c"
                + " join sync_run r on r.id = c.sync_run_id join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ?", filtered))
                .isEqualTo("events: block track named 'Debug *'=1, properties: drop properties.email=1, properties: hash context.ip=1");

        // from the next sync on, Debug events go to the filtered warehouse too, and only new data is affected
        TestingCatalog.execute("update destination set filters_json = ? where warehouse_id = ?", "{\"excludedTables\":[\"tracks\"]}", filtered);
        enqueue(source, List.of(track("t3", "Debug Click", "{\"x\":2}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 3);
        assertThat(sync(source, filtered)).isEqualTo("SUCCEEDED");
        try (Connection some = TestingCatalog.warehouseConnection("warehouse_filtered")) {
            assertThat(count(some, schema, "debug_click")).as("only the event staged after the change").isEqualTo(1);
            assertThat(count(some, schema, "tracks")).as("tracks is no longer loaded; what was there stays").isEqualTo(1);
        }
    }

    /**
     * Segment's convention, for a PostgreSQL and a (emulated) Redshift warehouse fed by one source:
     * the warehouse's own name decides, else its kind, else {@code All}; the same before and after
     * someone saved filters for them.
     */
    @Test
    void aMessagesOwnIntegrationsObjectKeepsItOutOfTheWarehousesItNamesWithOrWithoutSavedFilters() throws Exception {
        TestSource source = TestingCatalog.source("integrations_" + UUID.randomUUID().toString().substring(0, 8));
        LocalStack stack = LocalStackResource.stack();
        try (RedshiftEmulator cluster = RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(),
                AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY)) {
            UUID postgres = TestingCatalog.warehouse(source);
            UUID redshift = TestingCatalog.redshiftWarehouse(source, cluster.port(), "warehouse_redshift");
            String redshiftName = (String) TestingCatalog.single("select name from warehouse where id = ?", redshift);

            for (String round : List.of("unfiltered", "filtered")) {
                if (round.equals("filtered")) {
                    TestingCatalog.execute("update destination set filters_json = ? where source_id = ?",
                            "{\"events\": {\"mode\": \"BLOCK\", \"rules\": [{\"name\": \"Debug *\"}]}}", source.sourceId());
                }
                long before = stagedEvents(source);
                enqueue(source, List.of(
                        withIntegrations(round + "-everywhere", "{}"),
                        withIntegrations(round + "-not-postgres", "{\"All\":true,\"Postgres\":false}"),
                        withIntegrations(round + "-not-redshift", "{\"Redshift\":false}"),
                        withIntegrations(round + "-only-by-name", "{\"All\":false,\"" + redshiftName + "\":{\"any\":\"settings\"}}"),
                        withIntegrations(round + "-nowhere", "{\"All\":false}")));
                await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == before + 5);

                assertThat(sync(source, postgres)).isEqualTo("SUCCEEDED");
                assertThat(sync(source, redshift)).isEqualTo("SUCCEEDED");

                try (Connection postgresDb = TestingCatalog.warehouseConnection();
                     Connection redshiftDb = TestingCatalog.warehouseConnection("warehouse_redshift")) {
                    assertThat(ids(postgresDb, source.schemaName(), round)).as(round)
                            .containsExactlyInAnyOrder(round + "-everywhere", round + "-not-redshift");
                    assertThat(ids(redshiftDb, source.schemaName(), round)).as(round)
                            .containsExactlyInAnyOrder(round + "-everywhere", round + "-not-postgres", round + "-only-by-name");
                }
            }
            assertThat(((Number) TestingCatalog.single("select sum(c.kept_out) from sync_run_filter_count c join sync_run r on r.id = c.sync_run_id"
                    + " join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ? and c.rule = ?", postgres, CompiledFilters.INTEGRATIONS_RULE))
                    .longValue()).as("counted under the rule that kept them out").isEqualTo(6);
        }
    }

    private static String withIntegrations(String messageId, String integrations) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u1\",\"event\":\"Checked Out\",\"properties\":{},"
                + "\"integrations\":" + integrations + ",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"timestamp\":\"2024-05-01T10:00:00Z\"}";
    }

    private static List<String> ids(Connection connection, String schema, String prefix) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (var statement = connection.prepareStatement("select id from \"" + schema + "\".checked_out where id like ?")) {
            statement.setString(1, prefix + "-%");
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }

    @Test
    void messagesTheTrackingApiLeftOutShowAmongTheLiveEventsWithTheirReasonAndAreNotStaged() {
        TestSource source = TestingCatalog.source("rejects_" + UUID.randomUUID().toString().substring(0, 8));
        enqueue(source, List.of(track("kept-1", "Signed Up", "{}")));
        ObjectMapper json = new ObjectMapper();
        RejectNotice notice = new RejectNotice(java.time.Instant.parse("2024-05-01T10:00:01Z"), java.util.Optional.of("track"),
                java.util.Optional.empty(), java.util.Optional.of("left-1"), "event: is required and must be a non-empty string",
                "{\"type\":\"track\",\"messageId\":\"left-1\",\"userId\":\"u1\"}");
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.EVENTS_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(QueuedEvents.encode(List.of(notice.toJson(json)))).messageAttributes(Map.of(
                    QueuedEvents.TENANT_ATTRIBUTE, text(source.tenantId().toString()),
                    QueuedEvents.SOURCE_ATTRIBUTE, text(source.sourceId().toString()),
                    QueuedEvents.KIND_ATTRIBUTE, text(RejectNotice.QUEUE_KIND))));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> recentEvents(source) == 2 && stagedEvents(source) > 0);
        assertThat(TestingCatalog.single("select message_id || ' ' || type || ': ' || rejected_reason from recent_event"
                + " where source_id = ? and rejected_reason is not null", source.sourceId()))
                .isEqualTo("left-1 track: event: is required and must be a non-empty string");
        assertThat(stagedEvents(source)).as("only the accepted event is staged").isEqualTo(1);
    }

    @Test
    void aJobWhoseWorkerDiedRunsAgainAfterItsLeaseRanOutAndLoadsEveryRowOnce() throws Exception {
        TestSource source = TestingCatalog.source("abandoned_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("r1", "Order Completed", "{\"price\":1}"), track("r2", "Order Completed", "{\"price\":2}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 2);
        // a worker took the job and its warehouse, then died: nothing renews its leases
        UUID job = TestingCatalog.syncJob(source, warehouse, "RUNNING");
        UUID deadRun = UUID.randomUUID();
        TestingCatalog.execute("update sync_job set lease_owner = 'dead-worker', lease_expires_at = now() - interval '1 minute' where id = ?", job);
        TestingCatalog.execute("insert into sync_run (id, tenant_id, sync_job_id, status) values (?, ?, ?, 'RUNNING')", deadRun, source.tenantId(), job);
        TestingCatalog.execute("update warehouse set sync_lease_job = ?, sync_lease_expires_at = now() - interval '1 minute' where id = ?", job, warehouse);

        sendJob(job);

        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertThat(TestingCatalog.single("select status || ': ' || error from sync_run where id = ?", deadRun))
                .isEqualTo("FAILED: the worker running this sync stopped before it finished; the sync ran again");
        assertThat(TestingCatalog.single("select sync_lease_job is null from warehouse where id = ?", warehouse)).as("released").isEqualTo(true);
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "order_completed")).isEqualTo(2);
        }
    }

    @Test
    void aJobWaitsWhileAnotherSyncHoldsItsWarehouse() throws Exception {
        TestSource source = TestingCatalog.source("busy_wh_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("w1", "Signed Up", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);
        TestingCatalog.execute("update warehouse set sync_lease_job = ?, sync_lease_expires_at = now() + interval '10 minutes' where id = ?",
                UUID.randomUUID(), warehouse);
        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");

        sendJob(job);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PENDING".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertThat(TestingCatalog.single("select count(*) from sync_run where sync_job_id = ?", job)).as("not run").isEqualTo(0L);

        // the other sync ends: the scheduler queues the job again
        TestingCatalog.execute("update warehouse set sync_lease_job = null, sync_lease_expires_at = null where id = ?", warehouse);
        TestingCatalog.execute("update sync_job set status = 'QUEUED' where id = ?", job);
        sendJob(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
    }

    @Test
    void aWorkspaceRunningAsManySyncsAsItMayWaitsForOneToEnd() throws Exception {
        TestSource source = TestingCatalog.source("capped_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        enqueue(source, List.of(track("k1", "Signed Up", "{}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == 1);
        // two syncs of the workspace run elsewhere (bigpicture.sync.max-running-per-workspace is 2)
        for (String database : List.of("warehouse_cap_a", "warehouse_cap_b")) {
            UUID other = TestingCatalog.syncJob(source, TestingCatalog.warehouse(source, database), "RUNNING");
            TestingCatalog.execute("update sync_job set lease_owner = 'busy', lease_expires_at = now() + interval '10 minutes' where id = ?", other);
        }
        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");

        sendJob(job);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PENDING".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertThat(TestingCatalog.single("select count(*) from sync_run where sync_job_id = ?", job)).isEqualTo(0L);
        TestingCatalog.execute("update sync_job set status = 'SUCCEEDED' where tenant_id = ? and status = 'RUNNING'", source.tenantId());
        TestingCatalog.execute("update sync_job set status = 'QUEUED' where id = ?", job);
        sendJob(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
    }

    @Test
    void aBacklogBiggerThanOneSyncTakesIsLoadedInBoundedPartsEachSayingWhatIsLeft() throws Exception {
        TestSource source = TestingCatalog.source("backlog_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        for (int i = 1; i <= 3; i++) {
            int staged = i;
            enqueue(source, List.of(track("g" + i, "Page Viewed", "{\"n\":" + i + "}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> stagedEvents(source) == staged);
        }
        // three files as big as a week of events: 1.5 GiB each against the 2 GiB a sync takes
        TestingCatalog.execute("update staging_file set byte_size = 1610612736 where source_id = ?", source.sourceId());

        assertThat(sync(source, warehouse)).isEqualTo("SUCCEEDED");
        assertThat(TestingCatalog.single("select files_left || ' files, ' || bytes_left || ' bytes' from sync_run r"
                + " join sync_job j on j.id = r.sync_job_id where j.warehouse_id = ? and j.trigger = 'MANUAL'", warehouse))
                .isEqualTo("2 files, 3221225472 bytes");
        UUID next = (UUID) TestingCatalog.single("select id from sync_job where warehouse_id = ? and trigger = 'BACKLOG' and status = 'PENDING'", warehouse);
        assertThat(next).as("the next part follows at once").isNotNull();

        for (int part = 2; part <= 3; part++) {
            UUID job = (UUID) TestingCatalog.single("select id from sync_job where warehouse_id = ? and trigger = 'BACKLOG' and status = 'PENDING'", warehouse);
            TestingCatalog.execute("update sync_job set status = 'QUEUED' where id = ?", job);
            sendJob(job);
            await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        }
        assertThat(TestingCatalog.single("select count(*) from sync_job where warehouse_id = ? and status = 'PENDING'", warehouse))
                .as("nothing left, no further job").isEqualTo(0L);
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            assertThat(count(warehouseDb, source.schemaName(), "page_viewed")).isEqualTo(3);
        }
    }

    /** The warehouse database as its superuser: what a customer's admin may do that the loader may not. */
    private static Connection warehouseSuperuser() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + LocalStackResource.stack().postgresPort()
                + "/" + LocalStack.WAREHOUSE_DATABASE, "postgres", "");
    }

    private static List<String> tables(Connection connection, String schema) throws Exception {
        List<String> tables = new java.util.ArrayList<>();
        try (var statement = connection.prepareStatement("select table_name from information_schema.tables where table_schema = ?")) {
            statement.setString(1, schema);
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        return tables;
    }

    private static String trackWith(String messageId, String event, String properties, String context) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u1\",\"event\":\"" + event
                + "\",\"properties\":" + properties + ",\"context\":" + context
                + ",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"timestamp\":\"2024-05-01T10:00:00Z\"}";
    }

    /** A new job for the warehouse, run once: how its run ended (a failure that may pass leaves the job waiting for its retry). */
    private static String sync(TestSource source, UUID warehouse) {
        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");
        sendJob(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Object status = TestingCatalog.single("select status from sync_run where sync_job_id = ? order by started_at desc limit 1", job);
            return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "PARTIAL".equals(status);
        });
        return (String) TestingCatalog.single("select status from sync_run where sync_job_id = ? order by started_at desc limit 1", job);
    }

    private static long stagedEvents(TestSource source) {
        Object sum = TestingCatalog.single("select sum(event_count) from staging_file where source_id = ?", source.sourceId());
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    private static String track(String messageId, String event, String properties) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u1\",\"event\":\"" + event
                + "\",\"properties\":" + properties + ",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"timestamp\":\"2024-05-01T10:00:00Z\"}";
    }

    private static void enqueue(TestSource source, List<String> lines) {
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.EVENTS_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(QueuedEvents.encode(lines)).messageAttributes(Map.of(
                    "tenantId", text(source.tenantId().toString()),
                    "sourceId", text(source.sourceId().toString()))));
        }
    }

    private static void sendJob(UUID job) {
        try (SqsClient sqs = AwsClients.sqs(LocalStackResource.stack().sqsEndpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.SYNC_JOBS_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(job.toString()));
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static Map<String, String> columnTypes(Connection connection, String schema, String table) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (var statement = connection.prepareStatement(
                "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    types.put(result.getString(1), result.getString(2));
                }
            }
        }
        return types;
    }

    private static long count(Connection connection, String schema, String table) throws Exception {
        try (ResultSet result = connection.createStatement().executeQuery("select count(*) from \"" + schema + "\".\"" + table + "\"")) {
            result.next();
            return result.getLong(1);
        }
    }
}
