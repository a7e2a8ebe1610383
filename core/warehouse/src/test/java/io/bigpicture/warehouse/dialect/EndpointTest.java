package io.bigpicture.warehouse.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void hostNamesAndAddressesAreTakenAsTheyAre() {
        for (String host : new String[] {"examplecluster.abc123.eu-west-1.redshift.amazonaws.com", "db.example.com.", "localhost",
                "203.0.114.9", "2600:1f18::1"}) {
            assertThat(new Endpoint(host, 5439, "dev", "loader", TlsMode.VERIFY_FULL).problems()).as(host).isEmpty();
        }
        assertThat(new Endpoint("2600:1f18::1", 5439, "dev", "loader", TlsMode.VERIFY_FULL).urlHost()).isEqualTo("[2600:1f18::1]");
    }

    @Test
    void whatWouldRewriteTheDriversSettingsIsRefusedNamingTheField() {
        assertThat(new Endpoint("db.example.com/x?socketFactory=evil", 5432, "dw", "loader", TlsMode.VERIFY_FULL).problems())
                .containsExactly("host: give a host name (letters, digits, hyphens and dots) or an IP address, nothing else");
        assertThat(new Endpoint("db.example.com:6543", 5432, "dw", "loader", TlsMode.VERIFY_FULL).problems()).hasSize(1);
        assertThat(new Endpoint("db.example.com", 5432, "dw?sslmode=disable&connectTimeout=0", "loader", TlsMode.VERIFY_FULL).problems())
                .containsExactly("database: 1 to 63 letters, digits, _, $ or -");
        assertThat(new Endpoint("db.example.com", 0, "dw", "load er", TlsMode.VERIFY_FULL).problems()).containsExactly(
                "port: must be between 1 and 65535", "username: 1 to 128 characters without spaces or control characters");
        assertThat(new Endpoint("-bad-.example.com", 5432, "dw", "loader", TlsMode.VERIFY_FULL).problems()).hasSize(1);
        assertThat(new Endpoint("a".repeat(64) + ".example.com", 5432, "dw", "loader", TlsMode.VERIFY_FULL).problems()).hasSize(1);
    }
}
