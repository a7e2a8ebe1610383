package io.bigpicture.bench;

import io.bigpicture.catalog.WriteKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The benchmark's fixtures. {@code source JDBC_URL USER PASSWORD}: a tenant and source with a
 * generous rate limit; prints a new write key. {@code bodies DIR}: the two request bodies, a batch
 * of 100 events and a single track call, each event about 400 bytes.
 */
public final class BenchSetup {

    private BenchSetup() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "source" -> System.out.println(source(args[1], args[2], args[3]));
            case "bodies" -> bodies(Path.of(args[1]));
            default -> throw new IllegalArgumentException("source JDBC_URL USER PASSWORD | bodies DIR");
        }
    }

    private static String source(String jdbcUrl, String user, String password) throws SQLException {
        UUID tenant = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        String key = WriteKeys.generate();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            execute(connection, "insert into tenant (id, name) values (?, ?)", tenant, "bench-" + tenant);
            execute(connection, "insert into source (id, tenant_id, name, schema_name, rate_limit_per_second) values (?, ?, 'bench', 'bench', 100000000)",
                    source, tenant);
            execute(connection, "insert into write_key (id, tenant_id, source_id, key_hash) values (?, ?, ?, ?)",
                    UUID.randomUUID(), tenant, source, WriteKeys.hash(key));
        }
        return key;
    }

    private static void bodies(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringJoiner batch = new StringJoiner(",", "{\"batch\":[", "]}");
        for (int i = 0; i < 100; i++) {
            batch.add(event(i, true));
        }
        Files.writeString(directory.resolve("batch100.json"), batch.toString());
        Files.writeString(directory.resolve("single.json"), event(0, false));
    }

    /** About 400 bytes, shaped like what analytics libraries send. */
    private static String event(int i, boolean typed) {
        return "{" + (typed ? "\"type\":\"track\"," : "")
                + "\"messageId\":\"" + UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()) + "\","
                + "\"userId\":\"user-" + (1000 + i) + "\",\"event\":\"Product Viewed\","
                + "\"properties\":{\"product_id\":\"507f1f77bcf86cd7994390" + (10 + i % 90) + "\",\"sku\":\"G-32\",\"category\":\"Games\","
                + "\"name\":\"Monopoly: 3rd Edition\",\"brand\":\"Hasbro\",\"variant\":\"200 pieces\",\"price\":18.99,\"quantity\":1,"
                + "\"currency\":\"USD\",\"position\":3,\"value\":18.99,\"url\":\"https://www.example.com/product/path\"},"
                + "\"context\":{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.1\"}},"
                + "\"timestamp\":\"2024-05-01T10:00:00.000Z\"}";
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
