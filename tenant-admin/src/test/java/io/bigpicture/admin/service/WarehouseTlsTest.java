package io.bigpicture.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.api.WarehouseApi.CheckStep.Outcome;
import io.bigpicture.admin.storage.CheckFiles;
import io.bigpicture.catalog.LocalKeyEncryptionKey;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.SyncSchedule;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.local.LocalPostgres;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.dialect.TlsMode;
import io.bigpicture.warehouse.dialect.WarehouseKind;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse's TLS setting against a PostgreSQL that offers TLS with a certificate from a CA no
 * system trusts (as Amazon RDS's): what each mode lets through, and what "Check connection" says.
 */
class WarehouseTlsTest {

    private static final String PASSWORD = "loader-password";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64());
    private static final WarehouseAddresses LOCAL_STACK = new WarehouseAddresses(true, List.of());
    private static final SessionLimits LIMITS = new SessionLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(2));
    private static final CheckFiles NO_S3 = new CheckFiles() {
        @Override
        public CheckFile put(Warehouse warehouse, String bucket, CopyFromS3 dialect) {
            throw new AssertionError("a PostgreSQL warehouse's check put a test file on S3");
        }

        @Override
        public void delete(CheckFile file) {
            throw new AssertionError("a PostgreSQL warehouse's check deleted a test file from S3");
        }
    };

    @TempDir
    static Path data;
    @TempDir
    static Path certificates;
    private static LocalPostgres postgres;
    private static TlsTrust trustingOurCa;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        TestCertificates made = TestCertificates.makeIn(certificates);
        trustingOurCa = new TlsTrust(Optional.of(made.authority()));
        postgres = LocalPostgres.start(data, 0);
        postgres.requirePasswords();
        postgres.ensureDatabase("warehouse", "loader", PASSWORD);
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("alter system set ssl_cert_file = '" + made.serverCertificate() + "'");
            statement.execute("alter system set ssl_key_file = '" + made.serverKey() + "'");
            statement.execute("alter system set ssl = on");
            statement.execute("select pg_reload_conf()");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void verifyFullConnectsEncryptedWhenTheCertificateIsFromATrustedCaForTheHostsName() throws Exception {
        assertThat(encrypted(TlsMode.VERIFY_FULL, "localhost", trustingOurCa)).isTrue();
        assertThat(check(TlsMode.VERIFY_FULL, "localhost", trustingOurCa).ok()).isTrue();
    }

    @Test
    void verifyFullRefusesACertificateFromACaItDoesNotTrust() {
        WarehouseApi.Check check = check(TlsMode.VERIFY_FULL, "localhost", TlsTrust.SYSTEM);

        assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(check.problems()).singleElement().asString()
                .contains("showed a certificate from a CA bigPicture does not trust", "set TLS to require");
    }

    @Test
    void verifyFullRefusesACertificateForAnotherName() {
        // the certificate names localhost only, not its address
        WarehouseApi.Check check = check(TlsMode.VERIFY_FULL, "127.0.0.1", trustingOurCa);

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().contains("is not for the name 127.0.0.1");
    }

    @Test
    void requireEncryptsWithAnyCertificateAndDisableDoesNot() throws Exception {
        assertThat(encrypted(TlsMode.REQUIRE, "127.0.0.1", TlsTrust.SYSTEM)).isTrue();
        assertThat(encrypted(TlsMode.DISABLE, "localhost", trustingOurCa)).isFalse();
    }

    @Test
    void theRedshiftDriverChecksTheCertificateAndItsNameTheSameWay() {
        // PostgreSQL's TLS handshake is Redshift's: what the Redshift driver does after it is not the point here
        assertThatThrownBy(() -> redshiftSession("localhost", TlsTrust.SYSTEM)).hasMessageContaining("certification path");
        assertThatThrownBy(() -> redshiftSession("127.0.0.1", trustingOurCa)).hasMessageContaining("could not be verified");
    }

    private static void redshiftSession(String host, TlsTrust trust) throws Exception {
        Endpoint endpoint = new Endpoint(host, postgres.port(), "warehouse", "loader", TlsMode.VERIFY_FULL);
        WarehouseKind.REDSHIFT.connector().connect(endpoint, InetAddress.getLoopbackAddress(), PASSWORD, "test", LIMITS, trust).close();
    }

    /** Whether the server says the loader's session is encrypted. */
    private static boolean encrypted(TlsMode mode, String host, TlsTrust trust) throws Exception {
        Endpoint endpoint = new Endpoint(host, postgres.port(), "warehouse", "loader", mode);
        try (Connection session = WarehouseKind.POSTGRES.connector().connect(endpoint, InetAddress.getLoopbackAddress(), PASSWORD, "test",
                LIMITS, trust);
             Statement statement = session.createStatement();
             ResultSet ssl = statement.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            ssl.next();
            return ssl.getBoolean(1);
        }
    }

    private static WarehouseApi.Check check(TlsMode mode, String host, TlsTrust trust) {
        Warehouse warehouse = new Warehouse(UUID.randomUUID(), "local", WarehouseKind.POSTGRES,
                new Endpoint(host, postgres.port(), "warehouse", "loader", mode), PASSWORD, null, null, CIPHER, SyncSchedule.HOURLY, Instant.now());
        return new ConnectionCheck(CIPHER, LOCAL_STACK, trust, NO_S3, List.of(), LIMITS).run(warehouse, List.of());
    }
}
