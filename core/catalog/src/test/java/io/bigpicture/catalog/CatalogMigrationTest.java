package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations the apps run at start apply to a real PostgreSQL, and again without harm. */
class CatalogMigrationTest {

    private static EmbeddedPostgres postgres;
    private static Flyway flyway;
    private static int executedOnAnEmptyDatabase;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        postgres = EmbeddedPostgres.start();
        flyway = Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .locations("classpath:db/catalog")
                .load();
        executedOnAnEmptyDatabase = flyway.migrate().migrationsExecuted;
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theMigrationsCreateTheCatalogAndAreIdempotent() throws Exception {
        assertThat(executedOnAnEmptyDatabase).isPositive();
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        List<String> tables = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var result = connection.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        }
        assertThat(tables).contains("tenant", "source", "write_key", "warehouse", "destination", "staging_file",
                "staging_file_load", "warehouse_column", "sync_job", "sync_run", "sync_run_table");
    }

    @Test
    void theTrackingApiReadsOnlyWriteKeysAndSourcesAndNoAppChangesTheSchema() throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); var statement = admin.createStatement()) {
            statement.execute("create role ingest_login login in role bigpicture_ingest_access");
            statement.execute("create role app_login login in role bigpicture_app_access");
        }

        try (Connection ingest = postgres.getDatabase("ingest_login", "postgres").getConnection(); var statement = ingest.createStatement()) {
            statement.executeQuery("select k.key_hash, s.allowed_origins from write_key k join source s on s.id = k.source_id").close();
            assertThatThrownBy(() -> statement.executeQuery("select password_secret from warehouse"))
                    .as("a warehouse's secrets").hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("delete from write_key")).hasMessageContaining("permission denied");
        }
        try (Connection app = postgres.getDatabase("app_login", "postgres").getConnection(); var statement = app.createStatement()) {
            statement.execute("insert into tenant (id, name) values ('00000000-0000-0000-0000-0000000000f1', 'rows only')");
            statement.execute("delete from tenant where id = '00000000-0000-0000-0000-0000000000f1'");
            assertThatThrownBy(() -> statement.execute("alter table tenant add column taken int")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("drop table warehouse")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("delete from flyway_schema_history")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void warehousesSavedWithTheTlsFlagKeepWhatItMeant() throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
            admin.createStatement().execute("create database before_tls_modes");
        }
        var database = postgres.getDatabase("postgres", "before_tls_modes");
        Flyway.configure().dataSource(database).locations("classpath:db/catalog").target("20").load().migrate();
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("insert into tenant (id, name) values ('00000000-0000-0000-0000-000000000001', 'acme')");
            statement.execute("""
                    insert into warehouse (id, tenant_id, name, kind, host, port, database_name, username, password_secret, ssl, next_sync_at)
                    values ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-000000000001', 'with', 'POSTGRES', 'h', 5432,
                            'd', 'u', '\\x00', true, now()),
                           ('00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-000000000001', 'without', 'POSTGRES', 'h', 5432,
                            'd', 'u', '\\x00', false, now())""");
        }

        Flyway.configure().dataSource(database).locations("classpath:db/catalog").load().migrate();

        List<String> modes = new ArrayList<>();
        try (Connection connection = database.getConnection();
             var result = connection.createStatement().executeQuery("select name || '=' || tls_mode from warehouse order by name")) {
            while (result.next()) {
                modes.add(result.getString(1));
            }
        }
        // TLS on was never checked, so it stays unchecked until the owner chooses verify-full
        assertThat(modes).containsExactly("with=REQUIRE", "without=DISABLE");
    }

    @Test
    void everyTableButTenantIsScopedByTenant() throws Exception {
        List<String> unscoped = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (var result = connection.createStatement().executeQuery("""
                    select t.table_name from information_schema.tables t
                    where t.table_schema = 'public' and t.table_name not in ('tenant', 'flyway_schema_history')
                      and not exists (select 1 from information_schema.columns c
                                      where c.table_schema = 'public' and c.table_name = t.table_name
                                        and c.column_name = 'tenant_id')""")) {
                while (result.next()) {
                    unscoped.add(result.getString(1));
                }
            }
        }
        assertThat(unscoped).isEmpty();
    }
}
