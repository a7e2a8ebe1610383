package io.bigpicture.warehouse.dialect.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden SQL: every statement the loader runs against Redshift, exactly. */
class RedshiftDialectTest {

    private final RedshiftDialect dialect = new RedshiftDialect();

    @Test
    void createSchema() {
        assertThat(dialect.createSchema("shop")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"shop\"");
    }

    @Test
    void createTableIsDistributedOnIdAndSortedByReceivedAt() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.VARCHAR);
        columns.put("received_at", ColumnType.TIMESTAMP);
        columns.put("price", ColumnType.BIGINT);
        columns.put("ratio", ColumnType.DOUBLE_PRECISION);
        columns.put("paid", ColumnType.BOOLEAN);

        assertThat(dialect.apply(new TableChange.CreateTable("shop", "order", columns))).containsExactly(
                "CREATE TABLE \"shop\".\"order\" (\"id\" VARCHAR(512), \"received_at\" TIMESTAMP, \"price\" BIGINT, "
                        + "\"ratio\" DOUBLE PRECISION, \"paid\" BOOLEAN) DISTKEY(\"id\") SORTKEY(\"received_at\")");
    }

    @Test
    void addColumnsOnePerStatementUnderALock() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("a", ColumnType.BIGINT);
        columns.put("select", ColumnType.VARCHAR);

        assertThat(dialect.apply(new TableChange.AddColumns("shop", "tracks", columns))).containsExactly(
                "LOCK TABLE \"shop\".\"tracks\"",
                "ALTER TABLE \"shop\".\"tracks\" ADD COLUMN \"a\" BIGINT",
                "ALTER TABLE \"shop\".\"tracks\" ADD COLUMN \"select\" VARCHAR(512)");
    }

    @Test
    void existingColumnsAreReadFromSvvColumnsWithTheSchemaBound() {
        assertThat(dialect.existingColumnsQuery()).isEqualTo("SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM svv_columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position");
    }

    @Test
    void copyFromAManifestWithTheClustersRole() {
        TableLoad load = new TableLoad("shop", "tracks", "bp_stage_tracks", List.of("id", "received_at"));

        assertThat(dialect.createStagingTable(load)).isEqualTo("CREATE TEMPORARY TABLE \"bp_stage_tracks\" (LIKE \"shop\".\"tracks\")");
        assertThat(dialect.copyFromManifest(load, "s3://loads/t/w/r/tracks.manifest",
                new CopyCredentials.IamRole("arn:aws:iam::123456789012:role/bigpicture-copy"), "eu-west-1")).isEqualTo(
                "COPY \"bp_stage_tracks\" (\"id\", \"received_at\") FROM 's3://loads/t/w/r/tracks.manifest' "
                        + "IAM_ROLE 'arn:aws:iam::123456789012:role/bigpicture-copy' FORMAT AS CSV GZIP MANIFEST TIMEFORMAT 'auto' "
                        + "ACCEPTINVCHARS EMPTYASNULL STATUPDATE OFF COMPUPDATE OFF REGION 'eu-west-1' MAXERROR 100");
    }

    @Test
    void copyFromAManifestWithAccessKeys() {
        TableLoad load = new TableLoad("shop", "tracks", "bp_stage_tracks", List.of("id"));

        assertThat(dialect.copyFromManifest(load, "s3://loads/m", new CopyCredentials.AccessKeys("AKIAEXAMPLE", "secret/Key+1"), "us-east-1"))
                .isEqualTo("COPY \"bp_stage_tracks\" (\"id\") FROM 's3://loads/m' ACCESS_KEY_ID 'AKIAEXAMPLE' "
                        + "SECRET_ACCESS_KEY 'secret/Key+1' FORMAT AS CSV GZIP MANIFEST TIMEFORMAT 'auto' ACCEPTINVCHARS EMPTYASNULL "
                        + "STATUPDATE OFF COMPUPDATE OFF REGION 'us-east-1' MAXERROR 100");
    }

    @Test
    void aCopySettingThatCouldEndItsLiteralIsRefused() {
        TableLoad load = new TableLoad("shop", "tracks", "bp_stage_tracks", List.of("id"));

        assertThatThrownBy(() -> dialect.copyFromManifest(load, "s3://loads/m", new CopyCredentials.IamRole("x' ; DROP TABLE t; --"), "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CopyCredentials.AccessKeys("AKIA", "very-secret").toString()).doesNotContain("very-secret");
    }

    @Test
    void eventsReplaceRowsOfTheSameId() {
        TableLoad load = new TableLoad("shop", "tracks", "bp_stage_tracks", List.of("id", "received_at"));

        assertThat(dialect.merge(load, false)).containsExactly(
                "DELETE FROM \"shop\".\"tracks\" USING \"bp_stage_tracks\" WHERE \"shop\".\"tracks\".\"id\" = \"bp_stage_tracks\".\"id\"",
                "INSERT INTO \"shop\".\"tracks\" (\"id\", \"received_at\") SELECT \"id\", \"received_at\" FROM "
                        + "(SELECT \"id\", \"received_at\", ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY \"received_at\" DESC) AS \"bp_row\" "
                        + "FROM \"bp_stage_tracks\") AS \"latest\" WHERE \"bp_row\" = 1");
        assertThat(dialect.countStaged(load)).isEqualTo("SELECT COUNT(*), COUNT(DISTINCT \"id\") FROM \"bp_stage_tracks\"");
        assertThat(dialect.dropStagingTable(load)).isEqualTo("DROP TABLE IF EXISTS \"bp_stage_tracks\"");
    }

    @Test
    void usersUpdateNamesTheTargetInFullForRedshiftTakesNoAlias() {
        TableLoad load = new TableLoad("shop", "users", "bp_stage_users", List.of("id", "received_at", "plan", "uuid_ts"));

        assertThat(dialect.merge(load, false).get(2)).isEqualTo("UPDATE \"shop\".\"users\" SET "
                + "\"received_at\" = CASE WHEN l.\"received_at\" >= COALESCE(\"shop\".\"users\".\"received_at\", l.\"received_at\") "
                + "THEN l.\"received_at\" ELSE \"shop\".\"users\".\"received_at\" END, "
                + "\"plan\" = CASE WHEN l.\"bp_at_2\" >= COALESCE(\"shop\".\"users\".\"received_at\", l.\"bp_at_2\") "
                + "THEN COALESCE(l.\"plan\", \"shop\".\"users\".\"plan\") ELSE COALESCE(\"shop\".\"users\".\"plan\", l.\"plan\") END, "
                + "\"uuid_ts\" = l.\"uuid_ts\" FROM \"bp_stage_users_latest\" AS l WHERE \"shop\".\"users\".\"id\" = l.\"id\"");
    }

    @Test
    void aServerlessWorkgroupIsKnownByItsEndpointAndNamesRefusedRowsInItsSysView() {
        assertThat(RedshiftDialect.Deployment.ofHost("analytics.123456789012.eu-west-1.redshift-serverless.amazonaws.com"))
                .isEqualTo(RedshiftDialect.Deployment.SERVERLESS);
        assertThat(RedshiftDialect.Deployment.ofHost("Analytics.123456789012.EU-WEST-1.REDSHIFT-SERVERLESS.AMAZONAWS.COM"))
                .isEqualTo(RedshiftDialect.Deployment.SERVERLESS);
        assertThat(RedshiftDialect.Deployment.ofHost("analytics.abc123xyz789.eu-west-1.redshift.amazonaws.com"))
                .isEqualTo(RedshiftDialect.Deployment.PROVISIONED);
        assertThat(new RedshiftDialect(RedshiftDialect.Deployment.SERVERLESS, VarcharLength.DEFAULT).loadErrorsQuery()).contains("FROM sys_load_error_detail");
        assertThat(dialect.loadErrorsQuery()).contains("FROM stl_load_errors");
    }
}
