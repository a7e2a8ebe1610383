package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.WarehouseFailure.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarehouseFailureTest {

    private static final WarehouseFailure.Context AT = new WarehouseFailure.Context("cluster.example", 5439, "dev", "bigpicture", "shop");

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "08001|Connection to cluster.example:5439 refused.|UNREACHABLE|false|Check the host and port, and that the cluster's security group lets in the loader's addresses.",
            "28P01|FATAL: password authentication failed for user \"bigpicture\"|AUTHENTICATION|true|the warehouse at cluster.example:5439/dev refused user bigpicture: check the user name and password in the warehouse settings.",
            "42501|ERROR: permission denied for schema shop|PERMISSION|true|Run as an admin: GRANT USAGE, CREATE ON SCHEMA \"shop\" TO \"bigpicture\";",
            "42501|ERROR: permission denied for database dev|PERMISSION|true|Run as an admin: GRANT CREATE ON DATABASE \"dev\" TO \"bigpicture\";",
            "42501|ERROR: must be owner of table orders|NOT_OWNER|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            "42501|ERROR: permission denied for table orders|PERMISSION|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            "40001|ERROR: Serializable isolation violation on table - 123|OTHER|false|(SQL state 40001)"})
    void failuresAreClassifiedWithWhatToDo(String state, String message, Kind kind, boolean needsPerson, String advice) {
        WarehouseFailure failure = WarehouseFailure.classify(state, message, AT);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.needsPerson()).isEqualTo(needsPerson);
        assertThat(failure.message()).endsWith(advice);
    }
}
