package io.bigpicture.loader.sync;

import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import java.util.Optional;

/** The loading rules against embedded PostgreSQL, through pgjdbc and COPY FROM STDIN. */
class PostgresWarehouseLoadTest extends BaseWarehouseLoadTest {

    /** PostgreSQL keeps 63 bytes of a name; Redshift (and so the other dialects' suites) 127. */
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
     * A table made by someone else with columns narrower than ours: the database refuses the rows
     * that do not fit; they go to discards with its message and every other row loads.
     */
    @Test
    void rowsTheDatabaseRefusesAreLeftOutAndDiscardedWithItsMessageAndTheOthersLoad() throws Exception {
        load(track("o0", "Other", "{}"));
        execute("create table %s.narrow (id varchar(64), received_at timestamp, code varchar(3), n integer)");
        execute("create table %s.users (id varchar(64) not null, received_at timestamp, plan varchar(3))");

        WarehouseLoad.Loaded loaded = load(track("o1", "Narrow", "{\"code\":\"abc\",\"n\":1}"),
                track("o2", "Narrow", "{\"code\":\"abcdef\",\"n\":2}"),
                track("o3", "Narrow", "{\"code\":\"xyz\",\"n\":3000000000}"),
                track("o4", "Narrow", "{\"code\":\"ok\"}"),
                identify("i1", "u1", "2024-05-01T10:00:00Z", "{\"plan\":\"pro\"}"),
                identify("i2", "u2", "2024-05-01T10:00:00Z", "{\"plan\":\"enterprise\"}"));

        assertThat(loaded.rowsPerTable()).containsEntry("narrow", 2L).containsEntry("tracks", 4L).containsEntry("users", 1L);
        assertThat(loaded.failedTables()).isEmpty();
        assertThat(value("select string_agg(id, ',' order by id) from %s.narrow")).isEqualTo("o1,o4");
        assertThat(value("select string_agg(row_id || '.' || column_name || '=' || value || ': ' || reason, '; ' order by row_id)"
                + " from %s.discards where table_name in ('narrow', 'users')")).isEqualTo(
                "o2.code=abcdef: value too long for type character varying(3); "
                        + "o3.n=3000000000: value \"3000000000\" is out of range for type integer; "
                        + "u2.plan=enterprise: value too long for type character varying(3)");
        assertThat(loaded.discardsPerTable()).containsEntry("narrow", 2L).containsEntry("users", 1L);

        load(track("o5", "Narrow", "{\"code\":\"new\"}"));
        assertThat(value("select count(*) from %s.narrow")).isEqualTo(3L);
    }

    @Override
    protected Connection connect() throws Exception {
        return TestingCatalog.warehouseConnection();
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits) {
        PostgresDialect dialect = new PostgresDialect();
        return new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rowMapper, store, TABLES_AT_ONCE, limits.orElse(dialect.limits()),
                SMALLEST_LOAD_FILE);
    }
}
