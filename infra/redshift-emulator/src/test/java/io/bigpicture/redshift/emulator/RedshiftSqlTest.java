package io.bigpicture.redshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.redshift.emulator.S3CopyCommand.S3Url;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedshiftSqlTest {

    @Test
    void removesDistributionSortAndCompressionFromCreateTable() throws Exception {
        assertThat(sql("CREATE TABLE \"s\".\"t\" (\"id\" VARCHAR(512), \"at\" TIMESTAMP) DISTKEY(\"id\") SORTKEY(\"at\")"))
                .isEqualTo("CREATE TABLE \"s\".\"t\" (\"id\" VARCHAR(512), \"at\" TIMESTAMP)");
        assertThat(sql("create temp table t (id int encode az64 distkey, at timestamp sortkey encode raw)\n"
                + "diststyle key compound sortkey (at, id)"))
                .isEqualTo("create temp table t (id int, at timestamp)");
        assertThat(sql("CREATE TABLE t (a int) DISTSTYLE EVEN INTERLEAVED SORTKEY (a) ENCODE AUTO"))
                .isEqualTo("CREATE TABLE t (a int)");
        assertThat(sql("CREATE TABLE t DISTSTYLE ALL SORTKEY AUTO AS SELECT 1 AS a"))
                .isEqualTo("CREATE TABLE t AS SELECT 1 AS a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE SCHEMA IF NOT EXISTS \"s\"",
            "CREATE TEMPORARY TABLE \"stage\" (LIKE \"s\".\"t\")",
            "CREATE TEMPORARY TABLE \"latest\" AS SELECT \"id\", MAX(\"at\") AS \"at\" FROM \"stage\" GROUP BY \"id\"",
            "LOCK TABLE \"s\".\"t\"",
            "ALTER TABLE \"s\".\"t\" ADD COLUMN \"price\" BIGINT",
            "DELETE FROM \"s\".\"t\" USING \"stage\" WHERE \"s\".\"t\".\"id\" = \"stage\".\"id\"",
            "INSERT INTO \"s\".\"t\" (\"id\") SELECT \"id\" FROM (SELECT \"id\", ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY \"at\" DESC) AS \"bp_row\" FROM \"stage\") AS \"latest\" WHERE \"bp_row\" = 1",
            "UPDATE \"s\".\"t\" SET \"a\" = l.\"a\" FROM \"latest\" AS l WHERE \"s\".\"t\".\"id\" = l.\"id\"",
            "DROP TABLE IF EXISTS \"stage\"",
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
            "BEGIN", "COMMIT", "ROLLBACK", "SET extra_float_digits = 3", "SHOW TimeZone", "SELECT version()",
            // Redshift words inside literals, quoted identifiers and comments are data, not syntax
            "SELECT 'UNLOAD', \"distkey\", E'it''s GETDATE()' /* IGNORE NULLS */ -- SUPER\nFROM t",
            "SELECT encode(x, 'base64') FROM t",
            "DO $$ BEGIN PERFORM 'LISTAGG('; END $$",
            ""})
    void passesSqlBothShareUnchanged(String shared) throws Exception {
        RedshiftSql.Rewrite rewrite = RedshiftSql.rewrite(shared);
        assertThat(rewrite.sql()).isEqualTo(shared);
        assertThat(rewrite.copies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UNLOAD ('select 1') TO 's3://b/k' IAM_ROLE 'x'|UNLOAD",
            "SELECT LAST_VALUE(a IGNORE NULLS) OVER (ORDER BY b) FROM t|IGNORE NULLS",
            "SELECT FIRST_VALUE(a) RESPECT NULLS OVER () FROM t|RESPECT NULLS",
            "SELECT APPROXIMATE COUNT(DISTINCT a) FROM t|APPROXIMATE",
            "ALTER TABLE t ALTER DISTSTYLE EVEN|DISTSTYLE",
            "ALTER TABLE t ALTER SORTKEY (a)|SORTKEY",
            "ALTER TABLE t ADD COLUMN c INT ENCODE zstd|ENCODE ZSTD",
            "CREATE TABLE t (a int) BACKUP NO|BACKUP NO",
            "CREATE TABLE t (a VARBYTE)|VARBYTE",
            "SELECT GETDATE()|GETDATE()",
            "select sysdate|SYSDATE",
            "SELECT LISTAGG(a, ',') WITHIN GROUP (ORDER BY a) FROM t|LISTAGG()",
            "SELECT NVL(a, 0) FROM t|NVL()",
            "SELECT DECODE(a, 1, 'one') FROM t|DECODE()",
            "SELECT DATEADD(day, 1, a) FROM t|DATEADD()",
            "SELECT TOP 10 * FROM t|SELECT TOP",
            "SELECT * FROM stl_query|Redshift system table STL_QUERY",
            "SELECT COUNT(*) FROM stv_blocklist|Redshift system table STV_BLOCKLIST",
            "SELECT * FROM stv_slices s JOIN svv_table_info t ON true|Redshift system table SVV_TABLE_INFO",
            "SELECT COUNT(*) FROM pg_catalog.stv_slices|Redshift system table STV_SLICES",
            "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG|CREATE EXTERNAL",
            "CREATE VIEW v AS SELECT 1 WITH NO SCHEMA BINDING|NO SCHEMA BINDING",
            "SELECT 1; UNLOAD ('x') TO 's3://b/k'|UNLOAD"})
    void refusesRedshiftOnlySyntaxNamingIt(String sqlAndConstruct) {
        String[] parts = sqlAndConstruct.split("\\|");
        assertThatThrownBy(() -> RedshiftSql.rewrite(parts[0]))
                .isInstanceOfSatisfying(UnsupportedRedshiftSql.class, refused -> assertThat(refused.construct()).isEqualTo(parts[1]))
                .hasMessageContaining(parts[1]);
    }

    @Test
    void aServerlessWorkgroupRefusesStvSlicesAndAnswersTheRest() throws Exception {
        assertThatThrownBy(() -> RedshiftSql.rewrite("SELECT COUNT(*) FROM stv_slices", RedshiftSql.SERVERLESS))
                .isInstanceOf(UnsupportedRedshiftSql.class).hasMessage("STV_SLICES is not available on Redshift Serverless");
        assertThat(RedshiftSql.rewrite("SELECT 1", RedshiftSql.SERVERLESS).sql()).isEqualTo("SELECT 1");
    }

    /** What PostgreSQL runs and a Redshift cluster refuses: the build must see it first. */
    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE \"s\".\"t\" AS t SET \"a\" = 1|an alias on UPDATE's target",
            "UPDATE s.t target SET a = 1|an alias on UPDATE's target",
            "INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO NOTHING|ON CONFLICT",
            "INSERT INTO t (id) VALUES (1) RETURNING id|RETURNING",
            "CREATE INDEX t_id ON t (id)|CREATE INDEX",
            "CREATE UNIQUE INDEX t_id ON t (id)|CREATE UNIQUE INDEX",
            "CREATE TABLE t (doc JSONB)|JSONB",
            "CREATE TABLE t (tags TEXT[])|an array subscript or type ([])",
            "SELECT * FROM t WHERE id = ANY(ARRAY[1, 2])|ARRAY",
            "ALTER TABLE \"s\".\"t\" ADD COLUMN IF NOT EXISTS \"a\" BIGINT|ADD COLUMN IF NOT EXISTS",
            "ALTER TABLE \"s\".\"t\" ADD COLUMN \"a\" BIGINT, ADD COLUMN \"b\" BIGINT|more than one ADD in one ALTER TABLE"})
    void refusesPostgresOnlySyntaxThatRedshiftLacks(String sqlAndConstruct) {
        String[] parts = sqlAndConstruct.split("\\|");
        assertThatThrownBy(() -> RedshiftSql.rewrite(parts[0]))
                .isInstanceOfSatisfying(UnsupportedRedshiftSql.class, refused -> assertThat(refused.construct()).isEqualTo(parts[1]))
                .hasMessageContaining("PostgreSQL syntax that Redshift does not have");
    }

    @Test
    void answersStvSlicesWithTheDefaultFourSlicesOfOneNode() throws Exception {
        assertThat(sql("SELECT COUNT(*) FROM stv_slices")).isEqualTo("SELECT COUNT(*) FROM (SELECT 0 AS node, slice, slice AS localslice"
                + " FROM generate_series(0, 3) AS slices(slice)) AS stv_slices");
    }

    @Test
    void answersStvSlicesWithTheSlicesItIsGivenKeepingAliasesAndColumnReferences() throws Exception {
        String slices = "(SELECT 0 AS node, slice, slice AS localslice FROM generate_series(0, 15) AS slices(slice))";
        assertThat(RedshiftSql.rewrite("select count(*) from STV_SLICES where node = 0;", 16).sql())
                .isEqualTo("select count(*) from " + slices + " AS STV_SLICES where node = 0;");
        assertThat(RedshiftSql.rewrite("SELECT s.slice FROM stv_slices AS s ORDER BY 1", 16).sql())
                .isEqualTo("SELECT s.slice FROM " + slices + " AS s ORDER BY 1");
        assertThat(RedshiftSql.rewrite("SELECT \"s\".node FROM stv_slices \"s\"", 16).sql())
                .isEqualTo("SELECT \"s\".node FROM " + slices + " \"s\"");
        assertThat(RedshiftSql.rewrite("SELECT stv_slices.slice FROM stv_slices", 16).sql())
                .isEqualTo("SELECT stv_slices.slice FROM " + slices + " AS stv_slices");
        assertThat(RedshiftSql.rewrite("SELECT 'stv_slices', \"stv_slices\" FROM t", 16).sql())
                .as("a literal or a quoted identifier is not the system table").isEqualTo("SELECT 'stv_slices', \"stv_slices\" FROM t");
    }

    @Test
    void turnsS3CopyIntoCopyFromStdin() throws Exception {
        RedshiftSql.Rewrite rewrite = RedshiftSql.rewrite("COPY \"stage\" (\"id\", \"name\")\n"
                + "FROM 's3://bucket/loads/1/manifest.json'\n"
                + "IAM_ROLE 'arn:aws:iam::123456789012:role/load'\n"
                + "FORMAT AS CSV GZIP MANIFEST TIMEFORMAT 'auto' ACCEPTINVCHARS EMPTYASNULL\n"
                + "STATUPDATE OFF COMPUPDATE OFF REGION 'eu-west-1'");

        assertThat(rewrite.sql()).isEqualTo(
                "COPY \"stage\" (\"id\", \"name\") FROM STDIN WITH (FORMAT csv, FORCE_NULL (\"id\", \"name\"))");
        assertThat(rewrite.copies()).containsExactly(new S3CopyCommand("\"stage\"", List.of("\"id\"", "\"name\""),
                new S3Url("bucket", "loads/1/manifest.json"), true, true, "?", 0));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "12345.5|1204|Input data exceeded the acceptable range for the data type.",
            "3000000000|1204|Input data exceeded the acceptable range for the data type.",
            "2024-13-45 99:00:00|1206|Timestamp format is not valid.",
            "TRUE|1210|BOOLEAN data type format error.",
            "abcdef|1204|String length exceeds DDL length"})
    void aRefusedValueGetsRedshiftsLoadErrorForItsShape(String value, int code, String text) {
        assertThat(LoadHistory.Reason.of(value)).isEqualTo(new LoadHistory.Reason(code, text));
    }

    @Test
    void maxErrorLeavesOutRowsTheirTypesRefuseAndTheSessionAnswersForThem() throws Exception {
        assertThat(sql("COPY t FROM 's3://b/m' IAM_ROLE 'r' CSV MANIFEST MAXERROR 100"))
                .isEqualTo("COPY t FROM STDIN WITH (FORMAT csv, ON_ERROR ignore, LOG_VERBOSITY verbose)");
        LoadHistory history = new LoadHistory();
        long copy = history.copyStarted();
        StreamLines lines = new StreamLines();
        // the stream's first record spans two lines, which PostgreSQL counts as one
        lines.streamed(0, 1, 2);
        lines.streamed(0, 3, 1);
        // the second file's first line was held back; its third record spans two lines, numbered by its last
        lines.streamed(1, 2, 1);
        lines.streamed(1, 3, 2);
        assertThat(lines.place(2)).contains(new StreamLines.Place(0, 3));
        assertThat(lines.place(5)).contains(new StreamLines.Place(1, 3));
        history.refused(copy, List.of("s3://b/t.0.csv.gz", "s3://b/t.1.csv.gz"), lines, 5, "price", "12345.5");
        history.copyEnded(copy, 6);

        assertThat(RedshiftSql.rewrite("SELECT pg_last_copy_count(), pg_last_copy_id()", 4, history).sql()).isEqualTo("SELECT 6, " + copy);
        assertThat(RedshiftSql.rewrite("SELECT TRIM(filename), line_number FROM stl_load_errors WHERE query = pg_last_copy_id()", 4, history).sql())
                .isEqualTo("SELECT TRIM(filename), line_number FROM (SELECT * FROM (VALUES (" + copy + "::bigint, 's3://b/t.1.csv.gz'::char(256), "
                        + "3::bigint, 'price'::char(127), 1204::integer, 'Input data exceeded the acceptable range for the data type.'::char(512),"
                        + " '12345.5'::char(1024))) AS errors(query, filename, line_number, colname, err_code, err_reason, raw_field_value))"
                        + " AS stl_load_errors WHERE query = " + copy);
        assertThat(RedshiftSql.rewrite("SELECT TRIM(file_name), line_number FROM sys_load_error_detail WHERE session_id = pg_backend_pid()",
                4, history).sql())
                .isEqualTo("SELECT TRIM(file_name), line_number FROM (SELECT * FROM (VALUES (" + copy + "::bigint, pg_backend_pid()::integer, "
                        + "'s3://b/t.1.csv.gz'::char(256), 3::bigint, 'price'::char(127), 1204::integer,"
                        + " 'Input data exceeded the acceptable range for the data type.'::char(512)))"
                        + " AS errors(query_id, session_id, file_name, line_number, column_name, error_code, error_message))"
                        + " AS sys_load_error_detail WHERE session_id = pg_backend_pid()");
        assertThat(RedshiftSql.rewrite("SELECT count(*) FROM stl_load_errors e", 4, new LoadHistory()).sql())
                .contains("WHERE false) e").startsWith("SELECT count(*) FROM (SELECT * FROM (VALUES (NULL::bigint");
    }

    @Test
    void takesCopyOptionsInAnyOrder() throws Exception {
        RedshiftSql.Rewrite rewrite = RedshiftSql.rewrite("copy s.t from 's3://b/m' manifest csv compupdate on "
                + "access_key_id 'AK' secret_access_key 'SK' session_token 'ST' region as 'us-east-1' acceptinvchars as '^'");

        assertThat(rewrite.sql()).isEqualTo("COPY s.t FROM STDIN WITH (FORMAT csv)");
        assertThat(rewrite.copies()).containsExactly(new S3CopyCommand("s.t", List.of(), new S3Url("b", "m"), false, false, "^", 0));
        assertThat(RedshiftSql.rewrite("COPY t FROM 's3://b/m' IAM_ROLE default CSV MANIFEST EMPTYASNULL").sql())
                .isEqualTo("COPY t FROM STDIN WITH (FORMAT csv, FORCE_NULL *)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "COPY t FROM 's3://b/m' IAM_ROLE 'r' FORMAT AS JSON 'auto' MANIFEST|COPY FORMAT JSON",
            "COPY t FROM 's3://b/m' IAM_ROLE 'r' CSV MANIFEST IGNOREHEADER 1|COPY option IGNOREHEADER",
            "COPY t FROM 's3://b/m' IAM_ROLE 'r' CSV MANIFEST TIMEFORMAT 'epochsecs'|COPY TIMEFORMAT 'epochsecs' (only 'auto')",
            "COPY t FROM 's3://b/prefix' IAM_ROLE 'r' CSV|COPY without MANIFEST",
            "COPY t FROM 's3://b/m' IAM_ROLE 'r' MANIFEST|COPY without FORMAT CSV",
            "COPY t FROM 's3://b/m' CSV MANIFEST|COPY without IAM_ROLE or ACCESS_KEY_ID and SECRET_ACCESS_KEY",
            "COPY t FROM 's3://b/m' CREDENTIALS 'aws_iam_role=x' CSV MANIFEST|COPY option CREDENTIALS",
            "COPY t FROM STDIN|COPY FROM STDIN",
            "COPY t TO STDOUT|COPY ... TO",
            "COPY t FROM 'dynamodb://table' IAM_ROLE 'r' CSV MANIFEST|COPY FROM 'dynamodb://table' (only s3://bucket/key)"})
    void refusesOtherCopies(String sqlAndConstruct) {
        String[] parts = sqlAndConstruct.split("\\|");
        assertThatThrownBy(() -> RedshiftSql.rewrite(parts[0]))
                .isInstanceOfSatisfying(UnsupportedRedshiftSql.class, refused -> assertThat(refused.construct()).isEqualTo(parts[1]));
    }

    @Test
    void refusalRaisesFeatureNotSupportedWithTheMessage() {
        String refusal = RedshiftSql.refusal(new UnsupportedRedshiftSql("COPY FROM 'it''s'"));

        assertThat(refusal).startsWith("DO $refusal$").contains("ERRCODE = 'feature_not_supported'")
                .contains("MESSAGE = 'COPY FROM ''it''''s'' is Redshift syntax");
    }

    @Test
    void findsTheHighestPlaceholder() {
        assertThat(SqlLexer.highestParameter("SELECT $2, '$9', $1")).isEqualTo(2);
        assertThat(SqlLexer.highestParameter("SELECT 1")).isZero();
    }

    private static String sql(String redshift) throws UnsupportedRedshiftSql {
        return RedshiftSql.rewrite(redshift).sql();
    }
}
