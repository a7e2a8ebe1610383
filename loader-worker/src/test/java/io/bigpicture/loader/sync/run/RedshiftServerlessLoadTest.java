package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.loader.sync.bulk.RedshiftBulkLoader;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import java.sql.Connection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loading rules on a Redshift Serverless workgroup, as the emulator plays one: no STV tables,
 * so the loader cuts load files for the slices of its setting, and load errors come from
 * SYS_LOAD_ERROR_DETAIL. The workgroup's endpoint is not a *.redshift-serverless name here, as
 * behind a custom domain: the loader learns it from the refusal, not from the host.
 */
class RedshiftServerlessLoadTest extends BaseWarehouseLoadTest {

    private static final String IAM_ROLE = "arn:aws:iam::123456789012:role/bigpicture-test";
    private static final int SLICES_WHEN_UNKNOWN = 3;
    private static RedshiftEmulator workgroup;

    @BeforeAll
    static void startWorkgroup() throws Exception {
        LocalStack stack = LocalStackResource.stack();
        workgroup = RedshiftEmulator.startServerless("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY,
                AwsClients.SECRET_KEY);
    }

    @AfterAll
    static void stopWorkgroup() {
        workgroup.close();
    }

    @Override
    protected Connection connect() throws Exception {
        return RedshiftWarehouseLoadTest.connectTo(workgroup);
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits, VarcharLength newText) {
        RedshiftDialect dialect = new RedshiftDialect(RedshiftDialect.Deployment.SERVERLESS, newText);
        return new WarehouseLoad(dialect, new RedshiftBulkLoader(dialect, new CopyCredentials.IamRole(IAM_ROLE), "us-east-1", SLICES_WHEN_UNKNOWN),
                rowMapper, store, TABLES_AT_ONCE, limits.orElse(dialect.limits()), SMALLEST_LOAD_FILE);
    }

    @Override
    protected String refusalsOfTheNarrowTable() {
        return Pattern.quote("o4.sku: Missing data for not-null field");
    }

    @Test
    void aWorkgroupThatShowsNoSlicesIsLoadedAsTheSettingSays() throws Exception {
        try (Connection connection = connect()) {
            assertThat(load.slices(connection)).isEqualTo(SLICES_WHEN_UNKNOWN);
            assertThat(connection.createStatement().executeQuery("SELECT 1").next()).as("the session goes on after the refusal").isTrue();
        }
        assertThat(workgroup.statements()).anyMatch(sql -> sql.contains("stv_slices"));
    }
}
