package io.bigpicture.loader.config;

import io.bigpicture.catalog.SecretKeySettings;
import io.bigpicture.catalog.SyncRetries;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.network.WarehouseNetworkSettings;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

@ConfigMapping(prefix = "bigpicture")
public interface LoaderConfig {

    Staging staging();

    Sync sync();

    Storage storage();

    SecretKeySettings secrets();

    /** Which warehouse addresses the loader connects to. */
    WarehouseNetworkSettings warehouses();

    interface Staging {
        /**
         * A source's buffered events are written to a staging file at the latest after this long.
         * Keep the scheduler's job delay above it. Production: minutes, for fewer, larger files.
         */
        @WithDefault("5s")
        Duration flushInterval();

        /** ... or once a source has buffered this many events. */
        @WithDefault("50000")
        int maxEventsPerFile();

        /**
         * Memory bound of all buffers together, in bytes: above it the stager stops taking messages
         * until a flush makes room.
         */
        @WithDefault("67108864")
        long maxBufferedBytes();
    }

    interface Sync {
        /** At most this many staging files per sync; the next sync takes the rest. */
        @WithDefault("500")
        int maxFilesPerSync();

        /**
         * At most this much staged data (gzip) per sync, but always one file; a sync that leaves
         * some makes a job for the next part at once.
         */
        @WithDefault("2G")
        MemorySize maxStagedBytesPerSync();

        /** Objects nested deeper than this are loaded as JSON text. */
        @WithDefault("3")
        int maxFlattenDepth();

        /**
         * Tables of one sync loaded at the same time, each on its own warehouse connection: a
         * sync holds this many connections to the customer's warehouse while it loads.
         */
        @WithDefault("4")
        int tablesLoadedAtOnce();

        /**
         * A table's load files are at least this large (gzip), unless the whole table is smaller:
         * a Redshift slice spends more on opening a smaller file than on reading it. Up to 1 GB,
         * as many as a multiple of the cluster's slices.
         */
        @WithDefault("1M")
        MemorySize smallestLoadFile();

        /**
         * The slices a Redshift warehouse's load files are cut for where it does not show its own
         * ({@code stv_slices}): Redshift Serverless, which has no STV tables. Its base capacity of
         * 8 to 32 RPUs reads 4 files at once well enough; a multiple of the real count loads faster.
         */
        @WithDefault("4")
        int slicesWhenUnknown();

        /**
         * Columns a table may have, by kind of warehouse ({@code redshift}, {@code postgres}); a new
         * column past it is not created and its values go to {@code discards}. Unset: 1 580, the
         * databases' 1 600 less room for the standard columns.
         */
        Map<String, Integer> columnsPerTable();

        /**
         * What one source may add to its schema in a warehouse: new tables and columns per sync,
         * tables and columns in all; past them new names are not created and their values go to
         * {@code discards}. Unset: {@link SchemaLimits.SourceCaps#DEFAULT}.
         */
        SourceCaps sourceCaps();

        interface SourceCaps {
            OptionalInt newTablesPerSync();

            OptionalInt tablesPerSchema();

            OptionalInt newColumnsPerSync();

            OptionalInt columnsPerSchema();

            default SchemaLimits.SourceCaps caps() {
                SchemaLimits.SourceCaps defaults = SchemaLimits.SourceCaps.DEFAULT;
                return new SchemaLimits.SourceCaps(newTablesPerSync().orElse(defaults.newTablesPerSync()),
                        tablesPerSchema().orElse(defaults.tablesPerSchema()), newColumnsPerSync().orElse(defaults.newColumnsPerSync()),
                        columnsPerSchema().orElse(defaults.columnsPerSchema()));
            }
        }

        /**
         * How long the loader waits on a customer's warehouse: to connect and log in, for one
         * statement (the COPY of a large table included), and for a lock (PostgreSQL; on Redshift
         * lock waits count against the statement's limit).
         */
        WarehouseTimeouts warehouseTimeouts();

        interface WarehouseTimeouts {
            @WithDefault("15s")
            Duration connect();

            @WithDefault("2h")
            Duration statement();

            @WithDefault("5m")
            Duration lock();
        }

        /**
         * A sync's wall-clock limit: past it, its warehouse sessions are aborted, its leases are no
         * longer renewed, and the run fails saying so (it is tried again like any failed run).
         */
        @WithDefault("6h")
        Duration maxDuration();

        /**
         * A running sync's hold on its job and warehouse; renewed while it runs. When its worker
         * dies, the job runs again on another worker this long after the last renewal.
         */
        @WithDefault("60s")
        Duration lease();

        /** How often a worker renews the leases of the syncs it runs (well under {@link #lease}). */
        @WithDefault("20s")
        Duration leaseRenewal();

        /**
         * Syncs of one workspace running at once across all workers, so that one big workspace
         * cannot take every worker; a job over it waits and is queued again.
         */
        @WithDefault("2")
        int maxRunningPerWorkspace();

        /**
         * A worker asked to stop waits this long for its syncs to end their current steps and hand
         * their jobs back. Keep the pod's termination grace period above it.
         */
        @WithDefault("50s")
        Duration stopWait();

        /** Runs of a job in all, when its failures may pass (a busy cluster, a dropped connection). */
        @WithDefault("5")
        int maxAttempts();

        /** The wait before the first retry; it doubles with each one, up to {@link #longestRetryWait}. */
        @WithDefault("1m")
        Duration firstRetryWait();

        @WithDefault("1h")
        Duration longestRetryWait();

        default SyncRetries retries() {
            return new SyncRetries(maxAttempts(), firstRetryWait(), longestRetryWait());
        }
    }

    interface Storage {
        /** The S3 bucket for staging and load files. */
        String bucket();
    }
}
