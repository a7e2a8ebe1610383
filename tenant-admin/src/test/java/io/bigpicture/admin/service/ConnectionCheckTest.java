package io.bigpicture.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import java.net.ServerSocket;
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
 * The connection check's steps against a real PostgreSQL, without the app around them. The server
 * offers TLS with a certificate from a CA of the test's own, which no system trusts (as Amazon
 * RDS's): what each TLS setting lets through, for the check and for both drivers.
 */
class ConnectionCheckTest {

    private static final String PASSWORD = "loader-password";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64());
    /** The local stack's: its warehouse is on this machine. */
    private static final WarehouseAddresses LOCAL_STACK = new WarehouseAddresses(true, List.of());
    private static final SessionLimits LIMITS = new SessionLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(2));
    /** A PostgreSQL warehouse takes its rows through the session: its check never puts a file on S3. */
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
        try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
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
    void aWarehouseTheLoaderMayUsePassesEveryStepAndTheCheckLeavesNoSchemaBehind() throws Exception {
        WarehouseApi.Check check = check(warehouse(postgres.port(), PASSWORD), List.of());

        assertThat(check.ok()).isTrue();
        assertThat(check.steps()).extracting(WarehouseApi.CheckStep::name, WarehouseApi.CheckStep::outcome).containsExactly(
                tuple("reach localhost:" + postgres.port(), Outcome.PASSED), tuple("log in as loader", Outcome.PASSED),
                tuple("create a schema", Outcome.PASSED), tuple("create, alter and drop a table", Outcome.PASSED),
                tuple("use the sources' schemas", Outcome.PASSED));
        assertThat(check.loaderAddresses()).containsExactly("203.0.113.7");
        try (Connection admin = superuser(); Statement statement = admin.createStatement();
             ResultSet left = statement.executeQuery("select count(*) from pg_namespace where nspname = 'bigpicture_check'")) {
            left.next();
            assertThat(left.getLong(1)).isZero();
        }
    }

    @Test
    void aTableInASourcesSchemaThatTheLoaderDoesNotOwnIsNamedWithTheStatementThatFixesIt() throws Exception {
        try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
            statement.execute("create role someone_else");
            statement.execute("create schema legacy_site authorization loader");
            statement.execute("create table legacy_site.orders (id int)");
            statement.execute("alter table legacy_site.orders owner to someone_else");
        }

        WarehouseApi.Check check = check(warehouse(postgres.port(), PASSWORD), List.of("legacy_site", "not_made_yet"));

        String fix = "ALTER TABLE \"legacy_site\".\"orders\" OWNER TO \"loader\";";
        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().endsWith(fix);
        assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                .containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.FAILED);
        assertThat(check.setupStatements()).contains(fix);
    }

    @Test
    void aRefusedLoginIsSaidInWordsAndTheStepsThatNeedItAreSkipped() {
        WarehouseApi.Check check = check(warehouse(postgres.port(), "not-the-password"), List.of());

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().startsWith("the warehouse at localhost:")
                .contains("refused user loader: check the user name and password in the warehouse settings.");
        assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
    }

    @Test
    void aHostThatDoesNotAnswerFailsTheFirstStepAndNothingElseIsTried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        WarehouseApi.Check check = check(warehouse(closed, PASSWORD), List.of());

        assertThat(check.problems()).singleElement().asString().startsWith("could not connect to the warehouse at localhost:" + closed + "/warehouse");
        assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
    }

    @Test
    void aServerThatTakesTheConnectionAndNeverAnswersFailsTheLoginAtItsLimit() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            // the listen backlog takes the connection; nothing ever reads from it or writes to it
            Instant start = Instant.now();
            WarehouseApi.Check check = check(warehouse("127.0.0.1", silent.getLocalPort(), PASSWORD), List.of());

            assertThat(Duration.between(start, Instant.now())).as("the check's connect limit, not forever").isLessThan(Duration.ofSeconds(30));
            assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                    .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
        }
    }

    @Test
    void aHostInsideOurNetworkIsRefusedBeforeAnythingIsSentToIt() {
        WarehouseAddresses production = new WarehouseAddresses(false, List.of());

        for (String host : List.of("169.254.169.254", "10.0.0.8", "localhost")) {
            WarehouseApi.Check check = new ConnectionCheck(CIPHER, production, TlsTrust.SYSTEM, NO_S3, List.of(), LIMITS)
                    .run(warehouse(host, postgres.port(), PASSWORD), List.of());

            assertThat(check.problems()).as(host).singleElement().asString()
                    .isEqualTo("the warehouse host " + host + " is, or resolves to, an address inside a private, loopback or link-local"
                            + " network, which bigPicture does not connect to: give the warehouse's public host name or address.");
            assertThat(check.steps()).extracting(WarehouseApi.CheckStep::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
        }
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

    private static WarehouseApi.Check check(Warehouse warehouse, List<String> sourceSchemas) {
        return new ConnectionCheck(CIPHER, LOCAL_STACK, TlsTrust.SYSTEM, NO_S3, List.of("203.0.113.7"), LIMITS).run(warehouse, sourceSchemas);
    }

    private static Warehouse warehouse(int port, String password) {
        return warehouse("localhost", port, password);
    }

    private static Warehouse warehouse(String host, int port, String password) {
        return new Warehouse(UUID.randomUUID(), "local", WarehouseKind.POSTGRES, new Endpoint(host, port, "warehouse", "loader", TlsMode.DISABLE),
                password, null, null, CIPHER, SyncSchedule.HOURLY, Instant.now());
    }

    private static Connection superuser() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("warehouse"), LocalPostgres.SUPERUSER, "");
    }
}
