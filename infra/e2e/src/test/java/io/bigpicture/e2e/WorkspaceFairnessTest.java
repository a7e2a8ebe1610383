package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Five workspaces sync at the same moment; one has 100 times the data of each other one, into four
 * warehouses. Two workers (two syncs each) run them, with the scheduler, as processes. The big
 * workspace never runs more syncs at once than {@code bigpicture.sync.max-running-per-workspace}
 * (2) and its backlog goes in bounded parts, so the small workspaces' syncs finish while it is
 * still loading.
 */
class WorkspaceFairnessTest {

    private static final int SMALL_EVENTS = 200;
    private static final int BIG_EVENTS = 100 * SMALL_EVENTS;
    private static final int BIG_WAREHOUSES = 4;

    @Test
    void smallWorkspacesSyncOnTimeWhileABigOneWorksThroughItsBacklog() throws Exception {
        Map<String, String> workerConfig = Map.of(
                // many staging files, and a sync takes about one: the big backlog goes in parts
                "bigpicture.staging.max-events-per-file", "2000",
                "bigpicture.sync.max-staged-bytes-per-sync", "16K",
                // no worker dies here: a lease long enough that a busy machine's pause cannot end one mid-sync,
                // which would count a taken-over sync twice among those at once
                "bigpicture.sync.lease", "30s",
                "bigpicture.sync.lease-renewal", "5s");
        try (AppProcess first = LoaderStack.startWorker(workerConfig);
             AppProcess second = LoaderStack.startWorker(workerConfig);
             AppProcess scheduler = LoaderStack.startScheduler()) {
            TestSource big = TestingCatalog.source("big_" + UUID.randomUUID().toString().substring(0, 8));
            List<UUID> bigWarehouses = new ArrayList<>();
            for (int i = 1; i <= BIG_WAREHOUSES; i++) {
                bigWarehouses.add(TestingCatalog.warehouse(big, big.schemaName() + "_" + i));
            }
            LoaderStack.stage(big, events("b", BIG_EVENTS));
            List<TestSource> small = new ArrayList<>();
            List<UUID> smallWarehouses = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                TestSource source = TestingCatalog.source("small_" + i + "_" + UUID.randomUUID().toString().substring(0, 8));
                smallWarehouses.add(TestingCatalog.warehouse(source));
                LoaderStack.stage(source, events("s", SMALL_EVENTS));
                small.add(source);
            }

            // all due at once, the big workspace's jobs first in line
            Instant due = Instant.now();
            List<UUID> bigJobs = bigWarehouses.stream().map(warehouse -> TestingCatalog.syncJob(big, warehouse, "PENDING")).toList();
            List<UUID> smallJobs = IntStream.range(0, small.size())
                    .mapToObj(i -> TestingCatalog.syncJob(small.get(i), smallWarehouses.get(i), "PENDING")).toList();
            await().atMost(Duration.ofMinutes(5)).until(() -> TestingCatalog.single(
                    "select count(*) from sync_job where tenant_id = ? and status not in ('SUCCEEDED', 'FAILED')", big.tenantId()).equals(0L)
                    && smallJobs.stream().allMatch(job -> "SUCCEEDED".equals(TestingCatalog.single("select status from sync_job where id = ?", job))));

            Instant smallDone = Instant.EPOCH;
            List<String> smallFigures = new ArrayList<>();
            for (UUID job : smallJobs) {
                Instant finished = instant("select finished_at from sync_job where id = ?", job);
                smallFigures.add("%.1f s".formatted(Duration.between(due, finished).toMillis() / 1000.0));
                smallDone = finished.isAfter(smallDone) ? finished : smallDone;
            }
            Instant bigDone = instant("select max(finished_at) from sync_run where tenant_id = ?", big.tenantId());
            long bigParts = (Long) TestingCatalog.single("select count(*) from sync_run where tenant_id = ? and status = 'SUCCEEDED'", big.tenantId());
            int mostBigAtOnce = mostAtOnce(big.tenantId());
            System.out.printf("fairness: 4 small workspaces (%d events each) finished %s after they were due; the big one (%d events into %d"
                            + " warehouses) took %d syncs and %.1f s, at most %d at once%n",
                    SMALL_EVENTS, smallFigures, BIG_EVENTS, BIG_WAREHOUSES, bigParts, Duration.between(due, bigDone).toMillis() / 1000.0,
                    mostBigAtOnce);

            assertThat(bigJobs).allSatisfy(job -> assertThat(TestingCatalog.single("select status from sync_job where id = ?", job)).isEqualTo("SUCCEEDED"));
            assertThat(mostBigAtOnce).as("the big workspace's syncs at once").isLessThanOrEqualTo(2);
            assertThat(bigParts).as("the big backlog went in parts").isGreaterThan(BIG_WAREHOUSES);
            assertThat(smallDone).as("the small workspaces did not wait for the big one's backlog").isBefore(bigDone);
            for (int i = 1; i <= BIG_WAREHOUSES; i++) {
                assertThat(rowsAndIds(big.schemaName() + "_" + i, big.schemaName())).isEqualTo(BIG_EVENTS + " rows, " + BIG_EVENTS + " ids");
            }
            for (TestSource source : small) {
                assertThat(rowsAndIds(LocalStack.WAREHOUSE_DATABASE, source.schemaName())).isEqualTo(SMALL_EVENTS + " rows, " + SMALL_EVENTS + " ids");
            }
        }
    }

    private static List<String> events(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> LoaderStack.track(prefix + i, "Item Viewed", "{\"item\":" + i + ",\"list\":\"l" + (i % 7) + "\"}"))
                .toList();
    }

    /** The most runs of the workspace that overlapped in time. */
    private static int mostAtOnce(UUID tenant) throws SQLException {
        List<Instant[]> runs = new ArrayList<>();
        try (Connection catalog = TestingCatalog.connect();
             PreparedStatement statement = catalog.prepareStatement("select started_at, finished_at from sync_run where tenant_id = ?")) {
            statement.setObject(1, tenant);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    runs.add(new Instant[] {result.getTimestamp(1).toInstant(), result.getTimestamp(2).toInstant()});
                }
            }
        }
        int most = 0;
        for (Instant[] run : runs) {
            Instant moment = run[0];
            int atOnce = (int) runs.stream().filter(other -> !other[0].isAfter(moment) && other[1].isAfter(moment)).count();
            most = Math.max(most, atOnce);
        }
        return most;
    }

    private static Instant instant(String sql, Object parameter) {
        Object value = TestingCatalog.single(sql, parameter);
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : ((java.time.OffsetDateTime) value).toInstant();
    }

    private static String rowsAndIds(String database, String schema) throws SQLException {
        try (Connection warehouse = LoaderStack.superuser(database);
             ResultSet result = warehouse.createStatement().executeQuery(
                     "select count(*) || ' rows, ' || count(distinct id) || ' ids' from \"" + schema + "\".item_viewed")) {
            result.next();
            return result.getString(1);
        }
    }
}
