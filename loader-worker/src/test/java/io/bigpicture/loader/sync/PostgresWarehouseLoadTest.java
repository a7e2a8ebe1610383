package io.bigpicture.loader.sync;

import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
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
