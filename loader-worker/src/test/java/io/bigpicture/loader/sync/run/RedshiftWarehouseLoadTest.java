package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.Message;
import io.bigpicture.loader.sync.bulk.RedshiftBulkLoader;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.warehouse.ChunkedGzip;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import io.bigpicture.warehouse.filter.CompiledFilters;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loading rules through the Redshift dialect and the real {@code redshift-jdbc42} driver,
 * against the Redshift emulator: DISTKEY/SORTKEY tables, COPY from manifests on S3, the merges.
 * The emulator refuses Redshift syntax it does not know, so what passes here is checked SQL.
 */
class RedshiftWarehouseLoadTest extends BaseWarehouseLoadTest {

    /** Two nodes of two slices: more than one, so that the tests see tables cut into several files. */
    private static final int SLICES = 4;
    private static final int SLICES_WHEN_UNKNOWN = 3;
    private static final String IAM_ROLE = "arn:aws:iam::123456789012:role/bigpicture-copy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedshiftEmulator emulator;

    @BeforeAll
    static void startEmulator() throws Exception {
        LocalStack stack = LocalStackResource.stack();
        emulator = RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY,
                SLICES);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected Connection connect() throws Exception {
        return connectTo(emulator);
    }

    /** A session of the real Redshift driver with the emulator, on the local warehouse database. */
    static Connection connectTo(RedshiftEmulator emulator) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", LocalStack.WAREHOUSE_USER);
        properties.setProperty("password", LocalStack.WAREHOUSE_PASSWORD);
        properties.setProperty("ssl", "false");
        return new com.amazon.redshift.Driver().connect("jdbc:redshift://127.0.0.1:" + emulator.port() + "/" + LocalStack.WAREHOUSE_DATABASE, properties);
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits, VarcharLength newText) {
        RedshiftDialect dialect = new RedshiftDialect(RedshiftDialect.Deployment.PROVISIONED, newText);
        return new WarehouseLoad(dialect,
                new RedshiftBulkLoader(dialect, new CopyCredentials.IamRole(IAM_ROLE), "us-east-1", SLICES_WHEN_UNKNOWN),
                rowMapper, store, TABLES_AT_ONCE, limits.orElse(dialect.limits()), SMALLEST_LOAD_FILE);
    }

    @Test
    void aSyncReadsTheClustersSlices() throws Exception {
        try (Connection connection = connect()) {
            assertThat(warehouseLoad(new S3LoadFileStore("load/slices/"), Optional.empty()).slices(connection)).isEqualTo(SLICES);
        }
    }

    /** Redshift leaves the refused row out under MAXERROR and names it in STL_LOAD_ERRORS, which the loader reads. */
    @Test
    void aRefusedRowIsFoundThroughStlLoadErrors() throws Exception {
        aRowTheWarehouseRefusesIsLeftOutWithItsReasonAndTheRestOfTheTableLoads();

        assertThat(value("select reason from %s.discards where row_id = 'q2'")).isEqualTo("Missing data for not-null field");
        assertThat(emulator.statements()).anyMatch(sql -> sql.contains("MAXERROR 100")).anyMatch(sql -> sql.contains("FROM stl_load_errors"));
    }

    /** A Serverless workgroup has no STL tables: the loader reads SYS_LOAD_ERROR_DETAIL instead. */
    @Test
    void aRefusedRowIsFoundThroughSysLoadErrorDetailOnServerless() throws Exception {
        RedshiftDialect serverless = new RedshiftDialect(RedshiftDialect.Deployment.SERVERLESS, VarcharLength.DEFAULT);
        load = new WarehouseLoad(serverless, new RedshiftBulkLoader(serverless, new CopyCredentials.IamRole(IAM_ROLE), "us-east-1", SLICES_WHEN_UNKNOWN),
                rowMapper, new S3LoadFileStore(loadFilePrefix), TABLES_AT_ONCE, serverless.limits(), SMALLEST_LOAD_FILE);

        int statementsBefore = emulator.statements().size();

        aRowTheWarehouseRefusesIsLeftOutWithItsReasonAndTheRestOfTheTableLoads();

        assertThat(value("select reason from %s.discards where row_id = 'q2'")).isEqualTo("Missing data for not-null field");
        List<String> statements = emulator.statements();
        assertThat(statements.subList(statementsBefore, statements.size()))
                .anyMatch(sql -> sql.contains("FROM sys_load_error_detail")).noneMatch(sql -> sql.contains("stl_load_errors"));
    }

    @Override
    protected String refusalsOfTheNarrowTable() {
        return Pattern.quote("o4.sku: Missing data for not-null field");
    }

    /** Each slice reads a file of the same size: a table's rows go in a multiple of the slices' files, one COPY, one manifest. */
    @Test
    void aTablesRowsGoInAMultipleOfTheSlicesOfEvenFilesEachOneGzipFile() throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            messages.add(track("s" + i, "Page Viewed", "{\"path\":\"/products/" + i + "\",\"title\":\"Product number " + i + " of many\"}"));
        }
        int slices;
        try (Connection connection = connect()) {
            slices = load.slices(connection);
        }

        // two staging files: both writer threads write chunks of the table, which the files mix
        WarehouseLoad.Loaded loaded = loadParts(CompiledFilters.NONE, messages.subList(0, 3000), messages.subList(3000, 6000));

        assertThat(loaded.rowsPerTable()).containsEntry("page_viewed", 6000L);
        assertThat(value("select count(distinct id) from %s.page_viewed")).isEqualTo(6000L);
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(LocalStack.BUCKET).key(loadFilePrefix + "page_viewed.manifest")).asByteArray());
            List<Long> sizes = new ArrayList<>();
            long lines = 0;
            for (JsonNode entry : manifest.get("entries")) {
                String key = entry.get("url").asText().substring(("s3://" + LocalStack.BUCKET + "/").length());
                byte[] file = s3.getObjectAsBytes(b -> b.bucket(LocalStack.BUCKET).key(key)).asByteArray();
                sizes.add((long) file.length);
                lines += gzipLines(file);
            }
            assertThat(sizes).as("files of %d slices", slices).hasSize(slices);
            long smallest = sizes.stream().mapToLong(Long::longValue).min().orElseThrow();
            long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(largest - smallest).as("sizes %s differ by at most about a chunk", sizes).isLessThan(ChunkedGzip.CHUNK_BYTES);
            assertThat(lines).isEqualTo(6000);
        }
    }

    /** Lines of one gzip file, which must be a single member: what every COPY reads. */
    private static long gzipLines(byte[] file) throws Exception {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        int header = 10;
        inflater.setInput(file, header, file.length - header);
        byte[] out = new byte[65536];
        long lines = 0;
        while (!inflater.finished()) {
            int n = inflater.inflate(out);
            for (int i = 0; i < n; i++) {
                if (out[i] == '\n') {
                    lines++;
                }
            }
        }
        assertThat(inflater.getRemaining()).as("the gzip trailer only, no second member").isEqualTo(8);
        inflater.end();
        return lines;
    }

    @AfterEach
    void everyLoadWentThroughRedshiftsCopy() {
        assertThat(emulator.statements()).anyMatch(sql -> sql.startsWith("COPY ") && sql.contains(" MANIFEST "));
    }
}
