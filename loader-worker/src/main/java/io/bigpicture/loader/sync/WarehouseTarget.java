package io.bigpicture.loader.sync;

import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseKind;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import io.bigpicture.warehouse.dialect.RedshiftDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** One warehouse as a sync sees it: how to connect, its SQL, its bulk path and where its load files go. */
final class WarehouseTarget {

    // named rather than looked up: DriverManager answers by the caller's class loader, which varies
    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final Driver REDSHIFT = new com.amazon.redshift.Driver();

    private final Warehouse warehouse;
    private final SecretCipher cipher;
    private final WarehouseLoad load;

    private WarehouseTarget(Warehouse warehouse, SecretCipher cipher, WarehouseLoad load) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.load = load;
    }

    /** Load files go under {@code load/<tenant>/<warehouse>/<run>/} in the warehouse's bucket (ours for PostgreSQL). */
    static WarehouseTarget of(Warehouse warehouse, SecretCipher cipher, RowMapper rows, ObjectStore objects, String runId, int tablesAtOnce) {
        String prefix = "load/" + warehouse.tenantId() + "/" + warehouse.id() + "/" + runId + "/";
        if (warehouse.kind() == WarehouseKind.POSTGRES) {
            PostgresDialect dialect = new PostgresDialect();
            return new WarehouseTarget(warehouse, cipher,
                    new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rows, store(objects, objects.defaultBucket(), prefix), tablesAtOnce));
        }
        Warehouse.CopySource copy = warehouse.copySource()
                .orElseThrow(() -> new IllegalStateException("a Redshift warehouse without an S3 bucket for its load files"));
        CopyCredentials credentials = copy.iamRole() != null ? new CopyCredentials.IamRole(copy.iamRole())
                : new CopyCredentials.AccessKeys(copy.accessKeyId(), cipher.decrypt(copy.secretAccessKeySecret()));
        RedshiftDialect dialect = new RedshiftDialect();
        return new WarehouseTarget(warehouse, cipher,
                new WarehouseLoad(dialect, new RedshiftBulkLoader(dialect, credentials, copy.region()), rows, store(objects, copy.bucket(), prefix),
                        tablesAtOnce));
    }

    private static WarehouseLoad.LoadFileStore store(ObjectStore objects, String bucket, String prefix) {
        return new WarehouseLoad.LoadFileStore() {
            @Override
            public String put(String name, Path file) {
                return objects.put(bucket, prefix + name, file);
            }

            @Override
            public String put(String name, String text) {
                return objects.put(bucket, prefix + name, text);
            }
        };
    }

    WarehouseLoad load() {
        return load;
    }

    Connection connect() throws SQLException {
        Warehouse.Connection at = warehouse.connection();
        Properties properties = new Properties();
        properties.setProperty("user", at.username());
        properties.setProperty("password", cipher.decrypt(warehouse.passwordSecret()));
        properties.setProperty("ApplicationName", "bigpicture-loader");
        if (warehouse.kind() == WarehouseKind.POSTGRES) {
            properties.setProperty("connectTimeout", "15");
            // without "ssl", TLS where the server offers it, as pgjdbc does by default
            properties.setProperty("sslmode", at.ssl() ? "require" : "prefer");
            return POSTGRES.connect("jdbc:postgresql://" + at.host() + ":" + at.port() + "/" + at.database(), properties);
        }
        properties.setProperty("ssl", Boolean.toString(at.ssl()));
        properties.setProperty("loginTimeout", "15");
        return REDSHIFT.connect("jdbc:redshift://" + at.host() + ":" + at.port() + "/" + at.database(), properties);
    }
}
