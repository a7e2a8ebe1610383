package io.bigpicture.testing;

import io.bigpicture.catalog.SecretBinding;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.local.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Rows in the catalog of the test stack, written the way the apps would, for tests to start from. */
public final class TestingCatalog {

    private TestingCatalog() {
    }

    public record TestSource(UUID tenantId, UUID sourceId, String schemaName) {
    }

    /** A tenant with one source whose schema is named like the source. */
    public static TestSource source(String name) {
        UUID tenantId = UUID.randomUUID();
        UUID sourceId = UUID.randomUUID();
        String schema = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        execute("insert into tenant (id, name) values (?, ?)", tenantId, "tenant-" + tenantId);
        execute("insert into source (id, tenant_id, name, schema_name) values (?, ?, ?, ?)", sourceId, tenantId, name, schema);
        return new TestSource(tenantId, sourceId, schema);
    }

    /** Stores the hash of {@code keyHash}'s key; {@code expiresAt} null means it does not expire. */
    public static void writeKey(TestSource source, String keyHash, Instant expiresAt) {
        execute("insert into write_key (id, tenant_id, source_id, key_hash, expires_at) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), source.tenantId(), source.sourceId(), keyHash,
                expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    /** The stack's warehouse database as a Postgres warehouse of the source's tenant, loading that source. */
    public static UUID warehouse(TestSource source) {
        return warehouse(source, LocalStack.WAREHOUSE_DATABASE);
    }

    /**
     * Another database of the stack's PostgreSQL (made for the warehouse user if new) as a second
     * warehouse of the source's tenant, loading that source.
     */
    public static UUID warehouse(TestSource source, String database) {
        LocalStack stack = LocalStackResource.stack();
        ensureDatabase(database);
        UUID warehouseId = UUID.randomUUID();
        execute("insert into warehouse (id, tenant_id, name, kind, host, port, database_name, username, password_secret, tls_mode, next_sync_at)"
                        + " values (?, ?, ?, 'POSTGRES', 'localhost', ?, ?, ?, ?, 'DISABLE', now() + interval '1 hour')",
                warehouseId, source.tenantId(), "warehouse-" + warehouseId, stack.postgresPort(), database,
                LocalStack.WAREHOUSE_USER, warehousePassword(source.tenantId(), warehouseId));
        loadInto(source, warehouseId);
        return warehouseId;
    }

    /**
     * A database of the stack's PostgreSQL, reached through a Redshift emulator listening on
     * {@code emulatorPort}, as a Redshift warehouse of the source's tenant that loads that source;
     * its load files go to the stack's bucket.
     */
    public static UUID redshiftWarehouse(TestSource source, int emulatorPort, String database) {
        ensureDatabase(database);
        UUID warehouseId = UUID.randomUUID();
        execute("insert into warehouse (id, tenant_id, name, kind, host, port, database_name, username, password_secret, tls_mode, next_sync_at,"
                        + " s3_bucket, s3_region, iam_role)"
                        + " values (?, ?, ?, 'REDSHIFT', '127.0.0.1', ?, ?, ?, ?, 'DISABLE', now() + interval '1 hour', ?, 'us-east-1', ?)",
                warehouseId, source.tenantId(), "redshift-" + warehouseId, emulatorPort, database, LocalStack.WAREHOUSE_USER,
                warehousePassword(source.tenantId(), warehouseId), LocalStack.BUCKET, "arn:aws:iam::123456789012:role/bigpicture-test");
        loadInto(source, warehouseId);
        return warehouseId;
    }

    private static byte[] warehousePassword(UUID tenantId, UUID warehouseId) {
        return warehousePassword(tenantId, warehouseId, LocalStack.WAREHOUSE_PASSWORD);
    }

    /** A warehouse's password as its row stores it, for the apps' test master key. */
    public static byte[] warehousePassword(UUID tenantId, UUID warehouseId, String password) {
        return SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY)
                .encrypt(password, new SecretBinding(tenantId, warehouseId, SecretBinding.Field.PASSWORD));
    }

    private static void loadInto(TestSource source, UUID warehouseId) {
        execute("insert into destination (id, tenant_id, source_id, warehouse_id) values (?, ?, ?, ?)",
                UUID.randomUUID(), source.tenantId(), source.sourceId(), warehouseId);
    }

    private static void ensureDatabase(String database) {
        if (database.equals(LocalStack.WAREHOUSE_DATABASE)) {
            return;
        }
        LocalStack stack = LocalStackResource.stack();
        try (Connection superuser = DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.postgresPort() + "/postgres", "postgres", "");
             PreparedStatement exists = superuser.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var result = exists.executeQuery()) {
                if (!result.next()) {
                    // our own test name, quoted
                    superuser.createStatement().execute("create database \"" + database + "\" owner " + LocalStack.WAREHOUSE_USER);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sync job of the source into the warehouse, waiting in the catalog. */
    public static UUID syncJob(TestSource source, UUID warehouseId, String status) {
        UUID jobId = UUID.randomUUID();
        execute("insert into sync_job (id, tenant_id, warehouse_id, source_id, trigger, status) values (?, ?, ?, ?, 'MANUAL', ?)",
                jobId, source.tenantId(), warehouseId, source.sourceId(), status);
        return jobId;
    }

    public static Connection warehouseConnection() throws SQLException {
        return DriverManager.getConnection(LocalStackResource.stack().warehouseJdbcUrl(), LocalStack.WAREHOUSE_USER, LocalStack.WAREHOUSE_PASSWORD);
    }

    public static Connection warehouseConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + LocalStackResource.stack().postgresPort() + "/" + database,
                LocalStack.WAREHOUSE_USER, LocalStack.WAREHOUSE_PASSWORD);
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or null when there is none. */
    public static Object single(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                return result.next() ? result.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(LocalStackResource.stack().catalogJdbcUrl(), LocalStack.CATALOG_USER, LocalStack.CATALOG_PASSWORD);
    }
}
