package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.loader.sync.bulk.PostgresBulkLoader;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.dialect.postgres.PostgresDialect;
import io.bigpicture.warehouse.filter.CompiledFilters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sync that fails at any step, run again, leaves the same tables as one that never failed: no
 * lost rows, no duplicates. The second batch adds a column, replaces a row and updates a user, so
 * that every kind of step has work to redo.
 */
class RerunAfterFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LOADED_AT = Instant.parse("2024-07-01T00:00:00Z");

    private final PostgresDialect dialect = new PostgresDialect();
    private final RowMapper rowMapper = new RowMapper(new Flattener(Flattener.DEFAULT_MAX_DEPTH));

    @ParameterizedTest(name = "failing once at {0}")
    @ValueSource(strings = {"ddl", "copy", "merge", "end of a table's transaction", "catalog update"})
    void aRerunGivesTheSameTablesAsARunThatNeverFailed(String step) throws Exception {
        String expected = loadIntoFreshSchema(null);
        String actual = loadIntoFreshSchema(step);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aMergeRefusedForAnotherTransactionsSakeIsRunAgainWithinItsStep() throws Exception {
        String expected = loadIntoFreshSchema(null);
        String schema = "conflict_" + UUID.randomUUID().toString().substring(0, 8);
        Path directory = Files.createTempDirectory("conflict");
        try (Connection warehouse = TestingCatalog.warehouseConnection()) {
            sync(warehouse, schema, directory, null, firstBatch());
            assertThat(sync(warehouse, schema, directory, "merge conflict", secondBatch())).as("the conflict happened").isTrue();
            assertThat(TableSnapshots.of(warehouse, schema)).as("loaded as if it had not").isEqualTo(expected);
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    /** Loads the first batch, then the second, failing once at {@code step} and running the second again. */
    private String loadIntoFreshSchema(String step) throws Exception {
        String schema = "rerun_" + UUID.randomUUID().toString().substring(0, 8);
        Path directory = Files.createTempDirectory("rerun");
        try (Connection warehouse = TestingCatalog.warehouseConnection()) {
            sync(warehouse, schema, directory, null, firstBatch());
            if (step != null) {
                if (step.equals("catalog update")) {
                    // the warehouse committed, the catalog never heard: the files are loaded again
                    sync(warehouse, schema, directory, null, secondBatch());
                } else {
                    // the sync fails, or (for DDL, which re-reads the table after a failed change) mends itself
                    boolean injected;
                    try {
                        injected = sync(warehouse, schema, directory, step, secondBatch());
                    } catch (Exception expected) {
                        injected = true;
                    }
                    assertThat(injected).as("the failure at " + step + " happened").isTrue();
                }
            }
            sync(warehouse, schema, directory, null, secondBatch());
            return TableSnapshots.of(warehouse, schema);
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    /** @return whether the failure was injected (when the sync did not throw it) */
    private boolean sync(Connection warehouse, String schema, Path directory, String failAt, List<Message> messages) throws Exception {
        Predicate<String> rule = switch (failAt == null ? "" : failAt) {
            case "ddl" -> sql -> sql.startsWith("ALTER TABLE") || sql.startsWith("CREATE TABLE");
            case "copy" -> sql -> sql.startsWith("SELECT COUNT(");
            case "merge", "merge conflict" -> sql -> sql.startsWith("DELETE FROM") || sql.startsWith("INSERT INTO") || sql.startsWith("UPDATE");
            case "end of a table's transaction" -> afterTheRowsWentIn();
            default -> sql -> false;
        };
        // PostgreSQL reads the load files where they are written: none goes to S3
        WarehouseLoad.LoadFileStore store = new S3LoadFileStore("load/rerun/" + UUID.randomUUID() + "/");
        boolean[] sqlFailed = {false};
        // once in the whole sync, whichever connection runs the statement
        Predicate<String> once = sql -> !sqlFailed[0] && rule.test(sql) && (sqlFailed[0] = true);
        // Redshift's answer when another transaction changed the table meanwhile (SQLSTATE XX000, error 1023)
        Function<String, SQLException> answer = "merge conflict".equals(failAt)
                ? sql -> new SQLException("[Amazon](500310) Invalid operation: 1023 Details: Serializable isolation violation on table - 156545,"
                        + " transactions forming the cycle are: 1349, 1350 (pid:9527);", "XX000")
                : sql -> new SQLException("injected failure at: " + sql, "58000");
        Connection connection = FailingConnection.failingOnce(warehouse, once, answer);
        WarehouseLoad load = new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rowMapper, store, 2);
        BatchSchema batch = new BatchSchema();
        messages.forEach(message -> rowMapper.rows(message).forEach(batch::observe));
        Discards.addTo(batch);
        SyncSteps steps = new SyncSteps();
        SchemaEvolution.Evolved evolved = load.evolveSchema(connection, schema, batch, steps);
        load.loadRows(() -> FailingConnection.failingOnce(TestingCatalog.warehouseConnection(), once, answer), 1, schema, evolved, List.of(sink -> messages.forEach(sink)), CompiledFilters.NONE, LOADED_AT, directory, steps);
        return sqlFailed[0];
    }

    /** The staging table's drop that ends a table's load, after its rows went into the table and before the commit. */
    private static Predicate<String> afterTheRowsWentIn() {
        boolean[] replaced = {false};
        return sql -> {
            replaced[0] |= sql.startsWith("DELETE FROM");
            return replaced[0] && sql.startsWith("DROP TABLE");
        };
    }

    private static List<Message> firstBatch() throws Exception {
        return List.of(
                message(EventType.TRACK, "{\"messageId\":\"o1\",\"userId\":\"u1\",\"event\":\"Order Completed\",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"properties\":{\"price\":9}}"),
                message(EventType.IDENTIFY, "{\"messageId\":\"i1\",\"userId\":\"u1\",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"traits\":{\"plan\":\"free\"}}"));
    }

    private static List<Message> secondBatch() throws Exception {
        return List.of(
                message(EventType.TRACK, "{\"messageId\":\"o1\",\"userId\":\"u1\",\"event\":\"Order Completed\",\"receivedAt\":\"2024-05-01T10:00:00Z\",\"properties\":{\"price\":9}}"),
                message(EventType.TRACK, "{\"messageId\":\"o2\",\"userId\":\"u2\",\"event\":\"Order Completed\",\"receivedAt\":\"2024-05-02T10:00:00Z\",\"properties\":{\"price\":\"x\",\"coupon\":\"SPRING\"}}"),
                message(EventType.IDENTIFY, "{\"messageId\":\"i2\",\"userId\":\"u1\",\"receivedAt\":\"2024-05-02T10:00:00Z\",\"traits\":{\"plan\":\"pro\",\"company\":\"Initech\"}}"));
    }

    private static Message message(EventType type, String json) throws Exception {
        return new Message(type, (ObjectNode) JSON.readTree(json));
    }
}
