package io.bigpicture.testing;

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

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(LocalStackResource.stack().catalogJdbcUrl(), LocalStack.CATALOG_USER, LocalStack.CATALOG_PASSWORD);
    }
}
