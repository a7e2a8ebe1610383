package io.bigpicture.redshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Through the real redshift-jdbc42 driver, against embedded PostgreSQL and S3Proxy. */
class RedshiftEmulatorTest {

    private static final String BUCKET = LocalStack.BUCKET;
    private static final String COLUMNS = "\"id\", \"name\", \"n\", \"received_at\"";

    @TempDir
    static Path home;
    private static LocalStack stack;
    private static RedshiftEmulator emulator;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(home, LocalStack.Ports.free());
        emulator = RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY);
        s3 = AwsClients.s3(stack.s3Endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        try (LocalStack closingStack = stack; RedshiftEmulator closingEmulator = emulator; S3Client closingS3 = s3) {
            // all three
        }
    }

    @Test
    void createsTablesWithRedshiftAttributesAndAddsColumns() throws Exception {
        String create = "CREATE TABLE \"ddl\".\"events\" (\"id\" VARCHAR(512) ENCODE zstd, \"received_at\" TIMESTAMP)"
                + " DISTKEY(\"id\") SORTKEY(\"received_at\")";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"ddl\"");
            statement.execute(create);
            statement.execute("ALTER TABLE \"ddl\".\"events\" ADD COLUMN \"price\" BIGINT");

            assertThat(columns(connection, "ddl")).containsExactly(
                    "events.id character varying", "events.received_at timestamp without time zone", "events.price bigint");
        }
        assertThat(emulator.statements()).contains(create);
    }

    /**
     * A table another loader made, as Redshift's catalogs describe it: lengths, precisions, SUPER,
     * and pg_table_def's written-out types.
     */
    @Test
    void answersSvvColumnsAndPgTableDefWithTheColumnsLengthsAndPrecisions() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"legacy\"");
            statement.execute("CREATE TABLE \"legacy\".\"orders\" (\"note\" VARCHAR(16), \"price\" NUMERIC(10,2), \"day\" DATE, \"items\" SUPER)");

            List<String> described = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale"
                    + " FROM svv_columns WHERE table_schema = 'legacy' AND table_name = 'orders' ORDER BY ordinal_position")) {
                while (rows.next()) {
                    described.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getObject(3) + " " + rows.getObject(4) + " " + rows.getObject(5));
                }
            }
            assertThat(described).containsExactly("note character varying 16 null null", "price numeric null 10 2", "day date null null null",
                    "items super null null null");

            statement.execute("SET search_path TO legacy");
            List<String> defined = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT \"column\", type FROM pg_table_def WHERE tablename = 'orders'")) {
                while (rows.next()) {
                    defined.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            assertThat(defined).containsExactly("note character varying(16)", "price numeric(10,2)", "day date", "items super");

            statement.execute("INSERT INTO orders (items) VALUES ('[1, \"a\"]')");
            assertThat(rows(statement, "SELECT JSON_SERIALIZE(items) FROM orders")).containsExactly("[1, \"a\"]");
        }
    }

    @Test
    void copiesTheGzipCsvFilesOfAManifestThenMergesInOneTransaction() throws Exception {
        String manifest = putLoad("iam", List.of(
                file("\"id1\",\"hello, world\",1,2024-01-02 03:04:05\n"
                        + "\"id2\",\"say \"\"hi\"\"\",,2024-01-02T03:04:06Z\n"
                        + "\"id1\",\"newer\",5,2024-01-05 00:00:00\n"),
                // no newline at the end; an invalid UTF-8 byte that ACCEPTINVCHARS replaces
                file("id3,\"\",3,2024-01-03 00:00:00\nid4,,4,\nid5,caf", new byte[] {(byte) 0xff}, ",6,2024-01-04 00:00:00")),
                List.of("missing-but-optional.csv.gz"));
        String copy = "COPY \"stage\" (" + COLUMNS + ")\n"
                + "FROM 's3://" + BUCKET + "/" + manifest + "'\n"
                + "IAM_ROLE 'arn:aws:iam::123456789012:role/bigpicture-load'\n"
                + "FORMAT AS CSV GZIP MANIFEST TIMEFORMAT 'auto' ACCEPTINVCHARS EMPTYASNULL\n"
                + "STATUPDATE OFF COMPUPDATE OFF REGION 'us-east-1'";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createEventsTable(statement, "iam");
            statement.execute("INSERT INTO \"iam\".\"events\" VALUES ('id1', 'old', 0, '2024-01-01'), ('id9', 'keep', 9, '2024-01-01')");
            statement.execute("CREATE TEMPORARY TABLE \"stage\" (LIKE \"iam\".\"events\")");

            assertThat(statement.executeUpdate(copy)).isEqualTo(6);
            assertThat(rows(statement, "SELECT " + COLUMNS + " FROM \"stage\" ORDER BY \"id\", \"n\"")).containsExactly(
                    "id1|hello, world|1|2024-01-02 03:04:05",
                    "id1|newer|5|2024-01-05 00:00:00",
                    "id2|say \"hi\"|null|2024-01-02 03:04:06",
                    "id3|null|3|2024-01-03 00:00:00",
                    "id4|null|4|null",
                    "id5|caf?|6|2024-01-04 00:00:00");

            connection.setAutoCommit(false);
            statement.execute("LOCK TABLE \"iam\".\"events\"");
            statement.execute("DELETE FROM \"iam\".\"events\" USING \"stage\" WHERE \"iam\".\"events\".\"id\" = \"stage\".\"id\"");
            statement.execute("INSERT INTO \"iam\".\"events\" (" + COLUMNS + ") SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS
                    + ", ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY \"received_at\" DESC) AS \"bp_row\" FROM \"stage\")"
                    + " AS \"latest\" WHERE \"bp_row\" = 1");
            connection.commit();

            assertThat(rows(statement, "SELECT \"id\", \"name\" FROM \"iam\".\"events\" ORDER BY \"id\"")).containsExactly(
                    "id1|newer", "id2|say \"hi\"", "id3|null", "id4|null", "id5|caf?", "id9|keep");
        }
        assertThat(emulator.statements()).contains(copy);
    }

    /**
     * What PostgreSQL would take or fail whole on, Redshift refuses record by record: a NUL, bytes
     * that are not UTF-8, no value for a NOT NULL column, text wider than its VARCHAR in bytes.
     * Under MAXERROR those records become rows of STL_LOAD_ERRORS, named by file and line, and the
     * others load; without it the first fails the COPY in Redshift's words.
     */
    @Test
    void refusesRecordsAsRedshiftDoesAndNamesThemInStlLoadErrors() throws Exception {
        String manifest = putLoad("refused", List.of(
                file("a,ok,1,2024-01-01 00:00:00\n", "b,x", new byte[] {0}, "y,2,2024-01-01 00:00:00\n",
                        "\"c\nmulti\",\"\u00e9\u00e9\",3,2024-01-01 00:00:00\n"),
                file("d,caf", new byte[] {(byte) 0xc3}, ",4,2024-01-01 00:00:00\n", ",no id,5,2024-01-01 00:00:00\n",
                        "e,\"\u00e9\u00e9\u00e9\",6,2024-01-01 00:00:00\n", "f,wide,12345678901234567890,2024-01-01 00:00:00\n",
                        "g,fine,7,2024-01-01 00:00:00\n")),
                List.of());
        String copy = "COPY \"stage\" (" + COLUMNS + ") FROM 's3://" + BUCKET + "/" + manifest + "' IAM_ROLE default"
                + " FORMAT AS CSV GZIP MANIFEST EMPTYASNULL";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"refused\"");
            statement.execute("CREATE TABLE \"refused\".\"narrow\" (\"id\" VARCHAR(8) NOT NULL, \"name\" VARCHAR(5), \"n\" BIGINT,"
                    + " \"received_at\" TIMESTAMP)");
            connection.setAutoCommit(false);
            statement.execute("CREATE TEMPORARY TABLE \"stage\" (LIKE \"refused\".\"narrow\")");

            assertThat(statement.executeUpdate(copy + " MAXERROR 10")).isEqualTo(3);
            assertThat(rows(statement, "SELECT \"id\", \"name\" FROM \"stage\" ORDER BY \"id\"")).containsExactly(
                    "a|ok", "c\nmulti|\u00e9\u00e9", "g|fine");
            assertThat(rows(statement, "SELECT TRIM(filename), line_number, TRIM(colname), err_code, TRIM(err_reason) FROM stl_load_errors"
                    + " WHERE query = pg_last_copy_id() ORDER BY filename, line_number")).containsExactly(
                    "s3://" + BUCKET + "/loads/refused/0.csv.gz|2|name|1214|Missing newline: Unexpected character 0x0 found at location 1",
                    "s3://" + BUCKET + "/loads/refused/1.csv.gz|1|name|1220|String contains invalid or unsupported UTF8 codepoints."
                            + " Bad UTF8 hex sequence: c3 (error 2)",
                    "s3://" + BUCKET + "/loads/refused/1.csv.gz|2|id|1213|Missing data for not-null field",
                    "s3://" + BUCKET + "/loads/refused/1.csv.gz|3|name|1204|String length exceeds DDL length",
                    "s3://" + BUCKET + "/loads/refused/1.csv.gz|4|n|1204|Input data exceeded the acceptable range for the data type.");
            assertThat(rows(statement, "SELECT pg_last_copy_count()")).containsExactly("3");
            connection.rollback();

            statement.execute("CREATE TEMPORARY TABLE \"stage\" (LIKE \"refused\".\"narrow\")");
            assertThatThrownBy(() -> statement.executeUpdate(copy + " MAXERROR 2"))
                    .hasMessageContaining("Load into table 'stage' failed.  Check 'stl_load_errors' system table for details.");
            connection.rollback();
        }
    }

    @Test
    void copiesThroughAPreparedStatementWithAccessKeysAndRollsBack() throws Exception {
        String manifest = putLoad("keys", List.of(file("a,x,1,2024-01-01 00:00:00\nb,y,2,2024-01-01 00:00:00\n")), List.of());
        String copy = "COPY \"keys\".\"events\" FROM 's3://" + BUCKET + "/" + manifest + "' ACCESS_KEY_ID 'AKIAEXAMPLE'"
                + " SECRET_ACCESS_KEY 'secret' SESSION_TOKEN 'token' MANIFEST GZIP CSV EMPTYASNULL";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createEventsTable(statement, "keys");
            connection.setAutoCommit(false);
            try (PreparedStatement load = connection.prepareStatement(copy)) {
                assertThat(load.executeUpdate()).isEqualTo(2);
                assertThat(rows(statement, "SELECT count(*) FROM \"keys\".\"events\"")).containsExactly("2");
                connection.rollback();
                assertThat(rows(statement, "SELECT count(*) FROM \"keys\".\"events\"")).containsExactly("0");

                assertThat(load.executeUpdate()).isEqualTo(2);
                connection.commit();
            }
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(rows(statement, "SELECT \"id\", \"name\" FROM \"keys\".\"events\" ORDER BY \"id\"")).containsExactly("a|x", "b|y");
        }
    }

    @Test
    void copiesAndRefusesOverTheSimpleQueryProtocolToo() throws Exception {
        String manifest = putLoad("simple", List.of(file("a,,1,\n")), List.of());
        try (Connection connection = connect("&preferQueryMode=simple"); Statement statement = connection.createStatement()) {
            createEventsTable(statement, "simple");

            assertThat(statement.executeUpdate("COPY \"simple\".\"events\" FROM 's3://" + BUCKET + "/" + manifest
                    + "' IAM_ROLE 'arn' CSV GZIP MANIFEST")).isEqualTo(1);
            assertThatThrownBy(() -> statement.execute("SELECT GETDATE()"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining("GETDATE()");
            assertThat(rows(statement, "SELECT count(*) FROM \"simple\".\"events\"")).containsExactly("1");
        }
    }

    @Test
    void refusesRedshiftOnlySyntaxNamingItAndStaysUsable() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UNLOAD ('SELECT 1') TO 's3://" + BUCKET + "/out/' IAM_ROLE 'arn'"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining("UNLOAD is Redshift syntax the Redshift emulator does not support");
            assertThat(rows(statement, "SELECT 1")).containsExactly("1");

            try (PreparedStatement window = connection.prepareStatement("SELECT LAST_VALUE(column_name IGNORE NULLS)"
                    + " OVER (ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = ?")) {
                window.setString(1, "public");
                assertThatThrownBy(window::executeQuery)
                        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("0A000"))
                        .hasMessageContaining("IGNORE NULLS");
            }

            connection.setAutoCommit(false);
            assertThatThrownBy(() -> statement.execute("CREATE TABLE \"refused\" (\"a\" VARBYTE)")).hasMessageContaining("VARBYTE");
            connection.rollback();
            assertThat(rows(statement, "SELECT 2")).containsExactly("2");
            connection.commit();
        }
    }

    @Test
    void failsACopyWhoseManifestListsAMissingMandatoryFile() throws Exception {
        String manifest = putLoad("missing", List.of(file("a,x,1,\n")), List.of());
        String missing = "loads/missing/not-there.csv.gz";
        s3.putObject(request -> request.bucket(BUCKET).key(manifest), RequestBody.fromString(
                "{\"entries\":[{\"url\":\"s3://" + BUCKET + "/loads/missing/0.csv.gz\",\"mandatory\":true},"
                        + "{\"url\":\"s3://" + BUCKET + "/" + missing + "\",\"mandatory\":true}]}"));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createEventsTable(statement, "missing");

            assertThatThrownBy(() -> statement.execute("COPY \"missing\".\"events\" FROM 's3://" + BUCKET + "/" + manifest
                    + "' IAM_ROLE 'arn' CSV GZIP MANIFEST"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("mandatory file s3://" + BUCKET + "/" + missing + " of manifest s3://" + BUCKET + "/" + manifest
                            + " does not exist");
            assertThatThrownBy(() -> statement.execute("COPY \"missing\".\"events\" FROM 's3://" + BUCKET + "/no-such-manifest'"
                    + " IAM_ROLE 'arn' CSV GZIP MANIFEST"))
                    .hasMessageContaining("manifest s3://" + BUCKET + "/no-such-manifest does not exist");
            // the rows of the file that was there are not loaded either
            assertThat(rows(statement, "SELECT count(*) FROM \"missing\".\"events\"")).containsExactly("0");
        }
    }

    /** What core's RedshiftDialect.sliceCountQuery() sends. */
    @Test
    void answersTheSliceCountFourByDefaultAndAsConfiguredWhileOtherStvTablesStayRefused() throws Exception {
        String sliceCount = "SELECT COUNT(*) FROM stv_slices";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(rows(statement, sliceCount)).containsExactly("4");
            try (PreparedStatement prepared = connection.prepareStatement("SELECT slice, node FROM stv_slices WHERE slice >= ? ORDER BY slice")) {
                prepared.setInt(1, 2);
                List<String> slices = new ArrayList<>();
                try (ResultSet result = prepared.executeQuery()) {
                    while (result.next()) {
                        slices.add(result.getInt(1) + "|" + result.getInt(2));
                    }
                }
                assertThat(slices).containsExactly("2|0", "3|0");
            }
            assertThatThrownBy(() -> statement.execute("SELECT COUNT(*) FROM stv_blocklist"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining("Redshift system table STV_BLOCKLIST");
        }
        try (RedshiftEmulator twoSlices = RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY,
                AwsClients.SECRET_KEY, 2);
             Connection connection = DriverManager.getConnection("jdbc:redshift://127.0.0.1:" + twoSlices.port() + "/"
                     + LocalStack.WAREHOUSE_DATABASE + "?ssl=false&preferQueryMode=simple", LocalStack.WAREHOUSE_USER, LocalStack.WAREHOUSE_PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(twoSlices.slices()).isEqualTo(2);
            assertThat(rows(statement, sliceCount)).containsExactly("2");
        }
        assertThat(emulator.slices()).isEqualTo(4);
        assertThatThrownBy(() -> RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY,
                AwsClients.SECRET_KEY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The driver sends a batch as one run of Parse/Bind/Execute with a single Sync at the end. */
    @Test
    @Timeout(30)
    void runsCopiesInABatchAndSkipsTheRestOfOneThatFails() throws Exception {
        String first = putLoad("batch-1", List.of(file("a,x,1,\n")), List.of());
        String second = putLoad("batch-2", List.of(file("b,y,2,\nc,z,3,\n")), List.of());
        String copy = "COPY \"batch\".\"events\" FROM 's3://" + BUCKET + "/%s' IAM_ROLE 'arn' CSV GZIP MANIFEST";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createEventsTable(statement, "batch");
            statement.addBatch(String.format(copy, first));
            statement.addBatch(String.format(copy, second));
            assertThat(statement.executeBatch()).containsExactly(1, 2);

            statement.addBatch(String.format(copy, "no-such-manifest"));
            statement.addBatch(String.format(copy, second));
            assertThatThrownBy(statement::executeBatch).isInstanceOf(BatchUpdateException.class)
                    .hasMessageContaining("no-such-manifest does not exist");
            assertThat(rows(statement, "SELECT count(*) FROM \"batch\".\"events\"")).containsExactly("3");
        }
    }

    private static Connection connect() throws SQLException {
        return connect("");
    }

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection("jdbc:redshift://127.0.0.1:" + emulator.port() + "/" + LocalStack.WAREHOUSE_DATABASE
                + "?ssl=false" + parameters, LocalStack.WAREHOUSE_USER, LocalStack.WAREHOUSE_PASSWORD);
    }

    private static void createEventsTable(Statement statement, String schema) throws SQLException {
        statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
        statement.execute("CREATE TABLE \"" + schema + "\".\"events\" (\"id\" VARCHAR(512), \"name\" VARCHAR(65535),"
                + " \"n\" BIGINT, \"received_at\" TIMESTAMP) DISTKEY(\"id\") SORTKEY(\"received_at\")");
    }

    /** Through a bind parameter, as the loader reads what a schema has. */
    private static List<String> columns(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name, column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
            query.setString(1, schema);
            List<String> columns = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1) + "." + result.getString(2) + " " + result.getString(3));
                }
            }
            return columns;
        }
    }

    private static List<String> rows(Statement statement, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /** Puts the files gzip-compressed under loads/{name}/ and a manifest listing them (mandatory) and the optional ones. */
    private static String putLoad(String name, List<byte[]> files, List<String> optionalMissing) throws IOException {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String key = "loads/" + name + "/" + i + ".csv.gz";
            byte[] gzipped = gzip(files.get(i));
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(gzipped));
            entries.add("{\"url\":\"s3://" + BUCKET + "/" + key + "\",\"mandatory\":true}");
        }
        for (String optional : optionalMissing) {
            entries.add("{\"url\":\"s3://" + BUCKET + "/loads/" + name + "/" + optional + "\",\"mandatory\":false}");
        }
        String manifest = "loads/" + name + "/manifest.json";
        s3.putObject(request -> request.bucket(BUCKET).key(manifest),
                RequestBody.fromString("{\"entries\":[" + String.join(",", entries) + "]}"));
        return manifest;
    }

    private static byte[] file(Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            bytes.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(data);
        }
        return compressed.toByteArray();
    }
}
