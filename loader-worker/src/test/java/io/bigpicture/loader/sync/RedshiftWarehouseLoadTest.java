package io.bigpicture.loader.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.RedshiftDialect;
import java.sql.Connection;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Optional;

/**
 * The loading rules through the Redshift dialect and the real {@code redshift-jdbc42} driver,
 * against the Redshift emulator: DISTKEY/SORTKEY tables, COPY from manifests on S3, the merges.
 * The emulator refuses Redshift syntax it does not know, so what passes here is checked SQL.
 */
class RedshiftWarehouseLoadTest extends BaseWarehouseLoadTest {

    /** Two nodes of two slices: more than one, so that the tests see tables cut into several files. */
    private static final int SLICES = 4;
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
        Properties properties = new Properties();
        properties.setProperty("user", LocalStack.WAREHOUSE_USER);
        properties.setProperty("password", LocalStack.WAREHOUSE_PASSWORD);
        properties.setProperty("ssl", "false");
        return new com.amazon.redshift.Driver().connect("jdbc:redshift://127.0.0.1:" + emulator.port() + "/" + LocalStack.WAREHOUSE_DATABASE, properties);
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits) {
        RedshiftDialect dialect = new RedshiftDialect();
        return new WarehouseLoad(dialect,
                new RedshiftBulkLoader(dialect, new CopyCredentials.IamRole("arn:aws:iam::123456789012:role/bigpicture-copy"), "us-east-1"),
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

        assertThat(value("select reason from %s.discards where row_id = 'q2'")).isEqualTo("Invalid input for column price of its type: '12345.5'");
        assertThat(emulator.statements()).anyMatch(sql -> sql.contains("MAXERROR 100")).anyMatch(sql -> sql.contains("FROM stl_load_errors"));
    }

    @AfterEach
    void everyLoadWentThroughRedshiftsCopy() {
        assertThat(emulator.statements()).anyMatch(sql -> sql.startsWith("COPY ") && sql.contains(" MANIFEST "));
    }
}
