package io.bigpicture.warehouse.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden SQL: the exact statements the loader runs against PostgreSQL. */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void identifiersAreAlwaysQuotedSoReservedWordsAreLegal() {
        assertThat(dialect.quote("select")).isEqualTo("\"select\"");
        assertThat(dialect.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(dialect.createSchema("order")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"order\"");
    }

    @Test
    void namesLongerThanPostgresAllowsAreShortenedTheSameWayEverywhere() {
        String longName = "a_property_name_that_goes_on_and_on_well_past_sixty_three_bytes_of_text";
        String quoted = dialect.quote(longName);

        assertThat(quoted).hasSize(63 + 2).startsWith("\"a_property_name_that_goes_on_and_on_well_past_sixty_");
        assertThat(dialect.physicalName(longName)).isEqualTo(quoted.substring(1, 64));
        assertThat(dialect.quote(dialect.physicalName(longName))).isEqualTo(quoted);
        assertThat(new RedshiftDialect().quote(longName)).isEqualTo("\"" + longName + "\"");
    }

    @Test
    void createTable() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.VARCHAR);
        columns.put("price", ColumnType.BIGINT);
        columns.put("ratio", ColumnType.DOUBLE_PRECISION);
        columns.put("paid", ColumnType.BOOLEAN);
        columns.put("uuid_ts", ColumnType.TIMESTAMP);

        assertThat(dialect.apply(new TableChange.CreateTable("demo", "user", columns))).containsExactly(
                "CREATE TABLE \"demo\".\"user\" (\"id\" VARCHAR(512), \"price\" BIGINT, \"ratio\" DOUBLE PRECISION, "
                        + "\"paid\" BOOLEAN, \"uuid_ts\" TIMESTAMP)",
                "CREATE INDEX ON \"demo\".\"user\" (\"id\")");
    }

    @Test
    void addColumnsLocksTheTableFirst() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("a", ColumnType.BIGINT);
        columns.put("b", ColumnType.VARCHAR);

        assertThat(dialect.apply(new TableChange.AddColumns("demo", "tracks", columns))).containsExactly(
                "LOCK TABLE \"demo\".\"tracks\"",
                "ALTER TABLE \"demo\".\"tracks\" ADD COLUMN \"a\" BIGINT",
                "ALTER TABLE \"demo\".\"tracks\" ADD COLUMN \"b\" VARCHAR(512)");
    }

    @Test
    void theMergeReplacesRowsOfTheSameIdKeepingTheLatestPerId() {
        TableLoad load = new TableLoad("demo", "tracks", "bp_stage_tracks", List.of("id", "received_at"));

        assertThat(dialect.lockTarget(load)).as("a second load of the table waits; readers do not")
                .isEqualTo("LOCK TABLE \"demo\".\"tracks\" IN SHARE ROW EXCLUSIVE MODE");
        assertThat(dialect.createStagingTable(load))
                .isEqualTo("CREATE TEMPORARY TABLE \"bp_stage_tracks\" (LIKE \"demo\".\"tracks\")");
        assertThat(dialect.copyIntoStagingFromStdin(load))
                .isEqualTo("COPY \"bp_stage_tracks\" (\"id\", \"received_at\") FROM STDIN WITH (FORMAT csv)");
        assertThat(dialect.countStaged(load)).isEqualTo("SELECT COUNT(*), COUNT(DISTINCT \"id\") FROM \"bp_stage_tracks\"");
        assertThat(dialect.merge(load, false)).containsExactly(
                "DELETE FROM \"demo\".\"tracks\" USING \"bp_stage_tracks\" WHERE \"demo\".\"tracks\".\"id\" = \"bp_stage_tracks\".\"id\"",
                "INSERT INTO \"demo\".\"tracks\" (\"id\", \"received_at\") SELECT \"id\", \"received_at\" FROM "
                        + "(SELECT \"id\", \"received_at\", ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY \"received_at\" DESC) AS \"bp_row\" "
                        + "FROM \"bp_stage_tracks\") AS \"latest\" WHERE \"bp_row\" = 1");
        assertThat(dialect.dropStagingTable(load)).isEqualTo("DROP TABLE IF EXISTS \"bp_stage_tracks\"");
    }

    @Test
    void rowsWhoseIdsAreUniqueAreCopiedStraightIntoTheTableAfterTheRowsTheyReplaceAreDeleted() {
        TableLoad load = new TableLoad("demo", "tracks", "bp_stage_tracks", List.of("id", "received_at"));

        assertThat(dialect.copyIdsIntoStagingFromStdin(load)).isEqualTo("COPY \"bp_stage_tracks\" (\"id\") FROM STDIN WITH (FORMAT csv)");
        assertThat(dialect.deleteReplacedRows(load))
                .isEqualTo("DELETE FROM \"demo\".\"tracks\" USING \"bp_stage_tracks\" WHERE \"demo\".\"tracks\".\"id\" = \"bp_stage_tracks\".\"id\"");
        assertThat(dialect.copyIntoTableFromStdin(load))
                .isEqualTo("COPY \"demo\".\"tracks\" (\"id\", \"received_at\") FROM STDIN WITH (FORMAT csv)");
    }

    @Test
    void stagedRowsWithUniqueIdsAreInsertedWithoutDeDuplication() {
        TableLoad load = new TableLoad("demo", "tracks", "bp_stage_tracks", List.of("id", "received_at"));

        assertThat(dialect.merge(load, true)).containsExactly(
                "DELETE FROM \"demo\".\"tracks\" USING \"bp_stage_tracks\" WHERE \"demo\".\"tracks\".\"id\" = \"bp_stage_tracks\".\"id\"",
                "INSERT INTO \"demo\".\"tracks\" (\"id\", \"received_at\") SELECT \"id\", \"received_at\" FROM \"bp_stage_tracks\"");
    }

    @Test
    void usersKeepEachColumnsLatestNonNullValue() {
        TableLoad load = new TableLoad("demo", "users", "bp_stage_users", List.of("id", "received_at", "plan", "uuid_ts"));

        assertThat(dialect.merge(load, false)).containsExactly(
                "DROP TABLE IF EXISTS \"bp_stage_users_latest\"",
                "CREATE TEMPORARY TABLE \"bp_stage_users_latest\" AS SELECT DISTINCT \"id\", "
                        + "MAX(\"received_at\") OVER (PARTITION BY \"id\") AS \"received_at\", "
                        + "FIRST_VALUE(\"plan\") OVER (PARTITION BY \"id\" ORDER BY \"plan\" IS NULL, \"received_at\" DESC "
                        + "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS \"plan\", "
                        + "MAX(CASE WHEN \"plan\" IS NOT NULL THEN \"received_at\" END) OVER (PARTITION BY \"id\") AS \"bp_at_2\", "
                        + "MAX(\"uuid_ts\") OVER (PARTITION BY \"id\") AS \"uuid_ts\" FROM \"bp_stage_users\"",
                "UPDATE \"demo\".\"users\" AS t SET "
                        + "\"received_at\" = CASE WHEN l.\"received_at\" >= COALESCE(t.\"received_at\", l.\"received_at\") THEN l.\"received_at\" ELSE t.\"received_at\" END, "
                        + "\"plan\" = CASE WHEN l.\"bp_at_2\" >= COALESCE(t.\"received_at\", l.\"bp_at_2\") THEN COALESCE(l.\"plan\", t.\"plan\") ELSE COALESCE(t.\"plan\", l.\"plan\") END, "
                        + "\"uuid_ts\" = l.\"uuid_ts\" "
                        + "FROM \"bp_stage_users_latest\" AS l WHERE t.\"id\" = l.\"id\"",
                "INSERT INTO \"demo\".\"users\" (\"id\", \"received_at\", \"plan\", \"uuid_ts\") "
                        + "SELECT l.\"id\", l.\"received_at\", l.\"plan\", l.\"uuid_ts\" FROM \"bp_stage_users_latest\" AS l "
                        + "WHERE NOT EXISTS (SELECT 1 FROM \"demo\".\"users\" AS t WHERE t.\"id\" = l.\"id\")",
                "DROP TABLE \"bp_stage_users_latest\"");
    }

    @Test
    void existingColumnTypesAreReadBack() {
        assertThat(dialect.columnType("bigint")).contains(ColumnType.BIGINT);
        assertThat(dialect.columnType("character varying")).contains(ColumnType.VARCHAR);
        assertThat(dialect.columnType("timestamp without time zone")).contains(ColumnType.TIMESTAMP);
        assertThat(dialect.columnType("double precision")).contains(ColumnType.DOUBLE_PRECISION);
        assertThat(dialect.columnType("boolean")).contains(ColumnType.BOOLEAN);
        assertThat(dialect.columnType("jsonb")).contains(ColumnType.JSON);
        assertThat(dialect.columnType("json")).contains(ColumnType.JSON);
        assertThat(dialect.columnType("uuid")).isEmpty();
    }
}
