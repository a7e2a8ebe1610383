package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseJdbc;
import io.bigpicture.catalog.WarehouseKind;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.loader.sync.bulk.PostgresBulkLoader;
import io.bigpicture.loader.sync.bulk.RedshiftBulkLoader;
import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import io.bigpicture.warehouse.dialect.RedshiftDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalInt;

/** One warehouse as a sync sees it: how to connect, its SQL, its bulk path and where its load files go. */
final class WarehouseTarget {

    private final Warehouse warehouse;
    private final SecretCipher cipher;
    private final WarehouseLoad load;

    private WarehouseTarget(Warehouse warehouse, SecretCipher cipher, WarehouseLoad load) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.load = load;
    }

    /** Load files go under {@code load/<tenant>/<warehouse>/<run>/} in the warehouse's bucket (ours for PostgreSQL). */
    static WarehouseTarget of(Warehouse warehouse, SecretCipher cipher, RowMapper rows, ObjectStore objects, String runId,
                              LoaderConfig.Sync settings) {
        String prefix = "load/" + warehouse.tenantId() + "/" + warehouse.id() + "/" + runId + "/";
        int tablesAtOnce = settings.tablesLoadedAtOnce();
        long smallestFile = settings.smallestLoadFile().asLongValue();
        if (warehouse.kind() == WarehouseKind.POSTGRES) {
            PostgresDialect dialect = new PostgresDialect();
            SchemaLimits limits = limits(dialect.limits(), settings.columnsPerTable().postgres());
            return new WarehouseTarget(warehouse, cipher, new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rows,
                    store(objects, objects.defaultBucket(), prefix), tablesAtOnce, limits, smallestFile));
        }
        Warehouse.CopySource copy = warehouse.copySource()
                .orElseThrow(() -> new IllegalStateException("a Redshift warehouse without an S3 bucket for its load files"));
        CopyCredentials credentials = copy.iamRole() != null ? new CopyCredentials.IamRole(copy.iamRole())
                : new CopyCredentials.AccessKeys(copy.accessKeyId(), cipher.decrypt(copy.secretAccessKeySecret()));
        RedshiftDialect dialect = new RedshiftDialect(RedshiftDialect.Deployment.ofHost(warehouse.connection().host()));
        SchemaLimits limits = limits(dialect.limits(), settings.columnsPerTable().redshift());
        return new WarehouseTarget(warehouse, cipher, new WarehouseLoad(dialect, new RedshiftBulkLoader(dialect, credentials, copy.region()),
                rows, store(objects, copy.bucket(), prefix), tablesAtOnce, limits, smallestFile));
    }

    private static SchemaLimits limits(SchemaLimits dialects, OptionalInt columnsPerTable) {
        return columnsPerTable.isPresent() ? dialects.withColumnsPerTable(columnsPerTable.getAsInt()) : dialects;
    }

    private static WarehouseLoad.LoadFileStore store(ObjectStore objects, String bucket, String prefix) {
        return new WarehouseLoad.LoadFileStore() {
            @Override
            public String put(String name, SpooledGzip file) {
                return objects.put(bucket, prefix + name, file.length(), file::open);
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
        return WarehouseJdbc.connect(warehouse, cipher.decrypt(warehouse.passwordSecret()), "bigpicture-loader", 15);
    }
}
