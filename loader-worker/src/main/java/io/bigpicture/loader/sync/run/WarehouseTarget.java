package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.loader.config.LoaderConfig;
import io.bigpicture.loader.storage.ObjectStore;
import io.bigpicture.loader.sync.bulk.BulkLoader;
import io.bigpicture.loader.sync.bulk.PostgresBulkLoader;
import io.bigpicture.loader.sync.bulk.RedshiftBulkLoader;
import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import io.bigpicture.warehouse.dialect.CopyFromStdin;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.dialect.WarehouseConnector;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import java.sql.Connection;
import java.sql.SQLException;

/** One warehouse as a sync sees it: how to connect, its SQL, its bulk path and where its load files go. */
final class WarehouseTarget {

    private final Warehouse warehouse;
    private final SecretCipher cipher;
    private final WarehouseAddresses addresses;
    private final TlsTrust trust;
    private final SessionLimits limits;
    private final SyncDeadline deadline;
    private final WarehouseLoad load;

    private WarehouseTarget(Warehouse warehouse, SecretCipher cipher, WarehouseAddresses addresses, TlsTrust trust, SessionLimits limits,
                            SyncDeadline deadline, WarehouseLoad load) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.addresses = addresses;
        this.trust = trust;
        this.limits = limits;
        this.deadline = deadline;
        this.load = load;
    }

    /**
     * Load files go under {@code load/<tenant>/<warehouse>/<run>/}: in the warehouse's own bucket
     * when it reads them from S3, in ours otherwise (where they only wait for a rerun).
     */
    static WarehouseTarget of(Warehouse warehouse, SecretCipher cipher, WarehouseAddresses addresses, TlsTrust trust, SyncDeadline deadline, RowMapper rows, ObjectStore objects, String runId,
                              LoaderConfig.Sync settings) {
        String prefix = "load/" + warehouse.tenantId() + "/" + warehouse.id() + "/" + runId + "/";
        WarehouseDialect dialect = warehouse.dialect();
        SchemaLimits limits = dialect.limits().withSourceCaps(settings.sourceCaps().caps());
        Integer columnsPerTable = settings.columnsPerTable().get(warehouse.kind().settingsKey());
        if (columnsPerTable != null) {
            limits = limits.withColumnsPerTable(columnsPerTable);
        }
        String bucket = objects.defaultBucket();
        BulkLoader bulkLoader;
        if (dialect instanceof CopyFromS3 fromS3) {
            Warehouse.CopySource copy = warehouse.copySource()
                    .orElseThrow(() -> new IllegalStateException("a warehouse that reads load files from S3 without a bucket for them"));
            CopyCredentials credentials = copy.iamRole() != null ? new CopyCredentials.IamRole(copy.iamRole())
                    : new CopyCredentials.AccessKeys(copy.accessKeyId(), warehouse.awsSecretAccessKey(cipher).orElseThrow());
            bulkLoader = new RedshiftBulkLoader(fromS3, credentials, copy.region(), settings.slicesWhenUnknown());
            bucket = copy.bucket();
        } else if (dialect instanceof CopyFromStdin fromStdin) {
            bulkLoader = new PostgresBulkLoader(fromStdin);
        } else {
            throw new IllegalStateException("no bulk path for a warehouse of kind " + warehouse.kind());
        }
        LoaderConfig.Sync.WarehouseTimeouts timeouts = settings.warehouseTimeouts();
        SessionLimits sessionLimits = new SessionLimits(timeouts.connect(), timeouts.statement(), timeouts.lock());
        return new WarehouseTarget(warehouse, cipher, addresses, trust, sessionLimits, deadline, new WarehouseLoad(dialect, bulkLoader, rows, store(objects, bucket, prefix),
                settings.tablesLoadedAtOnce(), limits, settings.smallestLoadFile().asLongValue()));
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

    /** A session on the address the host resolves to now, after it passed the check; every connection of a sync is checked. */
    Connection connect() throws SQLException {
        WarehouseConnector connector = warehouse.kind().connector();
        Endpoint endpoint = warehouse.connection();
        Connection session = connector.connect(endpoint, addresses.resolveToConnect(endpoint.host()), warehouse.password(cipher),
                "bigpicture-loader", limits, trust);
        deadline.watch(session);
        return session;
    }
}
