package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.events.Message;
import io.bigpicture.loader.sync.bulk.PostgresBulkLoader;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The loading rules against embedded PostgreSQL, through pgjdbc and COPY FROM STDIN. */
class PostgresWarehouseLoadTest extends BaseWarehouseLoadTest {

    /** PostgreSQL keeps 63 bytes of a name; Redshift (and so the other dialects' suites) 127. */
    /**
     * PostgreSQL has no table limit of its own: a source sending an id in each event name would make
     * a table per event, in the customer's database and in our catalog. 50 000 such names in one sync.
     */
    @Test
    void fiftyThousandDistinctEventNamesMakeOnlyTheTablesASyncMayAndEveryOtherEventGoesToDiscards() throws Exception {
        SchemaLimits.SourceCaps caps = new SchemaLimits.SourceCaps(20, 2_000, 10_000, 100_000);
        SchemaLimits databases = warehouseLoad(new S3LoadFileStore("load/test/" + UUID.randomUUID() + "/"), Optional.empty()).limits();
        load = warehouseLoad(new S3LoadFileStore("load/test/" + UUID.randomUUID() + "/"), Optional.of(databases.withSourceCaps(caps)));
        int names = 50_000;
        Message[] events = new Message[names];
        for (int i = 0; i < names; i++) {
            events[i] = track("n" + i, "Viewed Product " + i, "{\"sku\":" + i + "}");
        }

        WarehouseLoad.Loaded loaded = load(events);

        assertThat(tablesInSchema()).as("discards and the new tables one sync may make, tracks among them").isEqualTo(20 + 1);
        long inEventTables = loaded.rowsPerTable().entrySet().stream().filter(table -> table.getKey().startsWith("viewed_product_"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(value("select count(*) from %s.discards where reason = 'too many tables'")).as("every other event, by its name")
                .isEqualTo(names - inEventTables);
        assertThat(value("select count(*) from %s.tracks")).as("every event in tracks").isEqualTo((long) names);
    }

    @Test
    void namesLongerThanPostgresKeepsAreShortenedAndLoadAgainAndAgain() throws Exception {
        String property = "p".repeat(40) + "_and_then_some_more_words_to_pass_the_limit";
        String event = "An Event Name So Long That Postgres Would Cut It Off Without Saying Anything";
        load(track("l1", event, "{\"" + property + "\":1}"));
        load(track("l2", event, "{\"" + property + "\":2}"));

        String table = new PostgresDialect().physicalName(io.bigpicture.warehouse.TableNamer.forEvent(event));
        assertThat(table).hasSizeLessThanOrEqualTo(63);
        assertThat(value("select count(*) from %s.\"" + table + "\"")).isEqualTo(2L);
    }

    /**
     * PostgreSQL's rows fit in a page: 1 400 numbers do not ("row is too big: size 12680, maximum
     * size 8160"). Not in the shared suite: the Redshift emulator stores in PostgreSQL, which
     * refuses a row that Redshift (4 MB a row) takes whole.
     */
    @Test
    void aRowPastWhatTheDatabaseLetsARowHoldLoadsTheValuesThatFitAndDiscardsTheRest() throws Exception {
        StringBuilder properties = new StringBuilder("{");
        for (int i = 0; i < 1400; i++) {
            properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i).append(".5");
        }
        WarehouseLoad.Loaded loaded = load(track("w1", "Wide", properties.append("}").toString()));
        load(track("w2", "Wide", "{\"p1\":2.5}"));

        assertThat(loaded.rowsPerTable()).containsEntry("wide", 1L);
        long kept = 0;
        try (ResultSet row = warehouse().createStatement().executeQuery("select * from \"" + schema() + "\".wide where id = 'w1'")) {
            row.next();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                if (row.getMetaData().getColumnName(i).matches("p\\d+") && row.getObject(i) != null) {
                    kept++;
                }
            }
        }
        long discarded = ((Number) value("select count(*) from %s.discards where row_id = 'w1' and reason = 'row size'")).longValue();
        assertThat(kept + discarded).isEqualTo(1400);
        assertThat(discarded).as("values past the row's limit discarded").isGreaterThan(0);
        assertThat(value("select p1 from %s.wide where id = 'w2'")).isEqualTo(2.5);
    }

    /** Redshift keeps 127 bytes of a name, PostgreSQL 63: two sent names alike in the first 127 meet in one column before either cut. */
    @Test
    void sentNamesAlikeForLongerThanANameHoldsClash() throws Exception {
        String longKey = "k".repeat(199);
        load(track("k2", "E", "{\"" + longKey + "x\":7,\"" + longKey + "y\":8}"));

        assertThat(value("select value from %s.discards where reason = 'name clash'")).isEqualTo("8");
    }

    /**
     * A sync whose lease ran out may still be loading a table when the worker that took the job over
     * loads it too: the second load waits for the first to commit, and its delete of the rows it
     * replaces then sees the first one's, so each id stays once.
     */
    @Test
    void aSecondLoadOfATableWaitsForTheFirstAndEachIdStaysOnce() throws Exception {
        load(track("r1", "Replayed", "{\"n\":1}"));
        String tracks = "\"" + schema() + "\".tracks";
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection first = connect()) {
            first.setAutoCommit(false);
            try (Statement statement = first.createStatement()) {
                // the first load, its row r2 written and not yet committed
                statement.execute("INSERT INTO " + tracks + " (id, event, event_text) VALUES ('r2', 'replayed', 'Replayed')");
            }
            Future<WarehouseLoad.Loaded> secondLoad = second.submit(() -> load(track("r2", "Replayed", "{\"n\":2}")));
            Awaitility.await("the second load waiting for the table").atMost(Duration.ofSeconds(30)).until(() -> waitingFor(schema(), "tracks"));
            first.commit();
            secondLoad.get(60, TimeUnit.SECONDS);
        } finally {
            second.shutdownNow();
        }

        assertThat(value("select count(*) || ' rows, ' || count(distinct id) || ' ids' from %s.tracks")).isEqualTo("2 rows, 2 ids");
    }

    private boolean waitingFor(String schema, String table) throws Exception {
        try (Connection watcher = connect(); PreparedStatement waiting = watcher.prepareStatement("select count(*) from pg_locks l"
                + " join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and not l.granted")) {
            waiting.setString(1, schema);
            waiting.setString(2, table);
            try (ResultSet count = waiting.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }

    @Override
    protected String jsonColumnType() {
        return "JSONB";
    }

    @Override
    protected String jsonText(String column) {
        return column + "::text";
    }

    @Override
    protected String refusalsOfTheNarrowTable() {
        return Pattern.quote("o4.: null value in column \"sku\" of relation \"bp_stage_narrow\" violates not-null constraint");
    }

    @Override
    protected Connection connect() throws Exception {
        return TestingCatalog.warehouseConnection();
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits, VarcharLength newText) {
        PostgresDialect dialect = new PostgresDialect(newText);
        return new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rowMapper, store, TABLES_AT_ONCE, limits.orElse(dialect.limits()),
                SMALLEST_LOAD_FILE);
    }
}
