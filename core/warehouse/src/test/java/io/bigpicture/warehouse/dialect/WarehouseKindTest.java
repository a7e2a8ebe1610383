package io.bigpicture.warehouse.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.VarcharLength;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WarehouseKindTest {

    @Test
    void aKindThatReadsLoadFilesFromS3HasTheSqlToCopyFromThereAndTheOthersTakeThemThroughTheSession() {
        for (WarehouseKind kind : WarehouseKind.values()) {
            WarehouseConnector connector = kind.connector();
            WarehouseDialect dialect = connector.dialect("warehouse.example.com", VarcharLength.DEFAULT);

            assertThat(dialect).as(kind.name()).isInstanceOf(connector.readsLoadFilesFromS3() ? CopyFromS3.class : CopyFromStdin.class);
        }
    }

    @Test
    void eachKindHasItsOwnKeyInAMessagesIntegrationsAndInSettings() {
        assertThat(Arrays.stream(WarehouseKind.values()).map(WarehouseKind::integrationsKey)).containsExactly("Postgres", "Redshift");
        assertThat(Arrays.stream(WarehouseKind.values()).map(WarehouseKind::settingsKey)).containsExactly("postgres", "redshift");
    }

    @Test
    void aRedshiftServerlessWorkgroupIsToldByItsHostAndNamesRefusedRowsWhereServerlessKeepsThem() {
        WarehouseConnector redshift = WarehouseKind.REDSHIFT.connector();

        String serverless = ((CopyFromS3) redshift.dialect("default.123456789012.eu-west-1.redshift-serverless.amazonaws.com", VarcharLength.DEFAULT)).loadErrorsQuery();
        String cluster = ((CopyFromS3) redshift.dialect("examplecluster.abc123.eu-west-1.redshift.amazonaws.com", VarcharLength.DEFAULT)).loadErrorsQuery();

        assertThat(serverless).contains("sys_load_error_detail");
        assertThat(cluster).contains("stl_load_errors");
    }
}
