package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bigpicture.events.QueuedEvents;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Loader workers as real processes, killed in the middle of a sync, or asked to stop: the job is
 * finished by another worker and every row is in the warehouse exactly once. The scheduler runs
 * as a process of its own beside them; the local stack (embedded PostgreSQL, ElasticMQ, S3Proxy)
 * runs in this JVM.
 *
 * <p>A worker is held at a step by a lock this test takes on what that step writes (a catalog row
 * or table, a warehouse table), so that it is known to be inside the step when it is killed.
 */
class WorkerCrashTest {

    /** Where a step's lock is taken. */
    private enum Database { CATALOG, WAREHOUSE }

    /**
     * A step of a sync, how this test holds a worker inside it, and how it sees that it does.
     * {@code lock} is run in an open transaction; {@code %s} is the job id or the source's schema.
     */
    private record Step(String name, Database database, String lock, String waitingQuery) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("claiming the job", Database.CATALOG, "select 1 from sync_job where id = '%s' for update", "%sync_job%for%update%"),
            new Step("changing the warehouse schema", Database.WAREHOUSE, "lock table \"%s\".order_completed in access exclusive mode",
                    "%order_completed%"),
            new Step("recording the new columns in the catalog", Database.CATALOG, "lock table warehouse_column in exclusive mode",
                    "insert into warehouse_column%"),
            new Step("merging the rows of a table", Database.WAREHOUSE, "lock table \"%s\".tracks in exclusive mode",
                    "%tracks%"),
            new Step("recording in the catalog what loaded", Database.CATALOG, "lock table staging_file_load in exclusive mode",
                    "insert into staging_file_load%"));

    private static AppProcess scheduler;
    private static AppProcess worker;

    @BeforeAll
    static void startSchedulerAndWorker() throws Exception {
        worker = LoaderStack.startWorker(Map.of());
        scheduler = LoaderStack.startScheduler();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void aWorkerKilledAtAnyStepOfASyncLeavesTheJobToAnotherWorkerAndEveryRowLoadsOnce() throws Exception {
        List<String> figures = new ArrayList<>();
        for (Step step : STEPS) {
            TestSource source = TestingCatalog.source("crash_" + UUID.randomUUID().toString().substring(0, 8));
            UUID warehouse = TestingCatalog.warehouse(source);
            stageAndSyncFirstHalf(source, warehouse);
            LoaderStack.stage(source, secondHalf(true));

            UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");
            try (Connection holder = connect(step.database())) {
                holder.setAutoCommit(false);
                holder.createStatement().execute(step.lock().formatted(step.database() == Database.CATALOG ? job : source.schemaName()));
                LoaderStack.sendJob(job);
                awaitWaitingOnLock(step.name(), step.waitingQuery());
                worker.kill();
                holder.rollback();
            }
            long killedAt = System.nanoTime();
            worker = LoaderStack.startWorker(Map.of());

            await("the job, finished by " + worker.name() + " after its first worker was killed while " + step.name())
                    .atMost(Duration.ofSeconds(90)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
            figures.add("killed while %s: finished by the next worker %.1f s later".formatted(step.name(), (System.nanoTime() - killedAt) / 1e9));
            assertEveryRowOnce(source, true);
            if (!step.name().equals("claiming the job")) {
                assertThat(TestingCatalog.single("select count(*) from sync_run where sync_job_id = ? and status = 'FAILED'"
                        + " and error like 'the worker running this sync stopped before it finished%'", job))
                        .as("the killed worker's run, ended by the next one").isEqualTo(1L);
            }
        }
        figures.forEach(System.out::println);
    }

    @Test
    void aWorkerAskedToStopEndsItsCurrentStepHandsTheJobBackAndExits() throws Exception {
        TestSource source = TestingCatalog.source("stop_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        AppProcess stopping = worker;
        stageAndSyncFirstHalf(source, warehouse);
        LoaderStack.stage(source, secondHalf(false));

        UUID job = TestingCatalog.syncJob(source, warehouse, "QUEUED");
        try (Connection holder = connect(Database.WAREHOUSE)) {
            holder.setAutoCommit(false);
            // the worker loads one table at a time here: the first merge waits, the others have not begun
            for (String table : List.of("tracks", "order_completed", "page_viewed")) {
                holder.createStatement().execute("lock table \"%s\".%s in exclusive mode".formatted(source.schemaName(), table));
            }
            LoaderStack.sendJob(job);
            awaitWaitingOnLock("merging a table", "%" + source.schemaName() + "%");
            stopping.askToStop();
            await("the worker waiting for its step").atMost(Duration.ofSeconds(30)).until(() -> stopping.log().contains("stopping: waiting for 1 syncs"));
            holder.rollback();
        }
        assertThat(stopping.endsWithin(Duration.ofSeconds(30))).as("the worker exits once its step is done").isTrue();
        assertThat((String) TestingCatalog.single("select error from sync_run where sync_job_id = ?", job))
                .startsWith("the worker running this sync was asked to stop; it handed the sync back before step 'copy and merge ");
        assertThat(TestingCatalog.single("select status || ' ' || attempts from sync_job where id = ?", job))
                .as("waiting for the next worker at once; the stopped run is not an attempt").isIn("PENDING 0", "QUEUED 0");
        assertThat(TestingCatalog.single("select sync_lease_job from warehouse where id = ?", warehouse)).as("the warehouse is free").isNull();

        worker = LoaderStack.startWorker(Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job)));
        assertEveryRowOnce(source, false);
    }

    /** 30 orders and 30 page views, loaded. */
    private static void stageAndSyncFirstHalf(TestSource source, UUID warehouse) {
        List<String> events = new ArrayList<>();
        IntStream.rangeClosed(1, 30).forEach(i -> {
            events.add(LoaderStack.track("o" + i, "Order Completed", "{\"price\":" + i + "}"));
            events.add(LoaderStack.track("p" + i, "Page Viewed", "{\"path\":\"/" + i + "\"}"));
        });
        LoaderStack.stage(source, events);
        UUID first = TestingCatalog.syncJob(source, warehouse, "PENDING");
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", first)));
    }

    /** Orders 20..60 (20..30 sent again) and page views 31..60; with a new order property when asked. */
    private static List<String> secondHalf(boolean newColumn) {
        List<String> events = new ArrayList<>();
        IntStream.rangeClosed(20, 60).forEach(i -> events.add(LoaderStack.track("o" + i, "Order Completed",
                newColumn ? "{\"price\":" + i + ",\"coupon\":\"c" + i + "\"}" : "{\"price\":" + i + "}")));
        IntStream.rangeClosed(31, 60).forEach(i -> events.add(LoaderStack.track("p" + i, "Page Viewed", "{\"path\":\"/" + i + "\"}")));
        return events;
    }

    private static void assertEveryRowOnce(TestSource source, boolean withCoupon) throws SQLException {
        try (Connection warehouseDb = TestingCatalog.warehouseConnection()) {
            Map<String, String> counts = new LinkedHashMap<>();
            for (String table : List.of("order_completed", "page_viewed", "tracks")) {
                try (ResultSet result = warehouseDb.createStatement().executeQuery(
                        "select count(*) || ' rows, ' || count(distinct id) || ' ids' from \"" + source.schemaName() + "\"." + table)) {
                    result.next();
                    counts.put(table, result.getString(1));
                }
            }
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "order_completed", "60 rows, 60 ids", "page_viewed", "60 rows, 60 ids", "tracks", "120 rows, 120 ids"));
            if (withCoupon) {
                try (ResultSet result = warehouseDb.createStatement().executeQuery(
                        "select count(coupon) from \"" + source.schemaName() + "\".order_completed")) {
                    result.next();
                    assertThat(result.getLong(1)).as("orders 20..60 carry a coupon").isEqualTo(41);
                }
            }
        }
    }

    private static void awaitWaitingOnLock(String step, String queryPattern) throws Exception {
        try {
            await("the worker inside the step of " + step).atMost(Duration.ofSeconds(60)).until(() -> waitingOnLock(queryPattern));
        } catch (ConditionTimeoutException notThere) {
            StringBuilder activity = new StringBuilder();
            try (Connection superuser = connect(Database.CATALOG); ResultSet result = superuser.createStatement().executeQuery(
                    "select datname, state, wait_event_type, wait_event, left(query, 200) from pg_stat_activity where state <> 'idle'")) {
                while (result.next()) {
                    activity.append(String.join(" | ", result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5))).append('\n');
                }
            }
            throw new AssertionError("the worker did not reach the step of " + step + "; the database is doing:\n" + activity
                    + "\n" + worker.name() + "'s log:\n" + worker.log(), notThere);
        }
    }

    private static boolean waitingOnLock(String queryPattern) throws SQLException {
        try (Connection superuser = connect(Database.CATALOG);
             PreparedStatement statement = superuser.prepareStatement(
                     "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike ?")) {
            statement.setString(1, queryPattern);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }

    private static Connection connect(Database database) throws SQLException {
        return LoaderStack.superuser(database == Database.CATALOG ? LocalStack.CATALOG_DATABASE : LocalStack.WAREHOUSE_DATABASE);
    }
}
