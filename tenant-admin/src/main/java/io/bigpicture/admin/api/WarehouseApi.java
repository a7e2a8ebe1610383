package io.bigpicture.admin.api;

import io.bigpicture.catalog.QuietHours;
import io.bigpicture.catalog.SyncSchedule;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.WarehouseKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Warehouses in the API. The password goes in and never comes out. */
public final class WarehouseApi {

    private WarehouseApi() {
    }

    /**
     * {@code tls} is {@code disable}, {@code require} or {@code verify-full} (the default); the
     * older {@code ssl} true or false stands for require or disable. Redshift also needs {@code s3Bucket} and {@code s3Region} for its
     * load files, and either {@code iamRole} (the cluster's role that reads the bucket) or
     * {@code awsAccessKeyId} with {@code awsSecretAccessKey}. The schedule is hourly unless
     * {@code syncIntervalMinutes} or {@code syncCron} says otherwise (see {@link Schedule}). New text
     * columns are VARCHAR(512) unless {@code varcharLength} says otherwise (see {@link Columns}).
     */
    public record Create(String name, WarehouseKind kind, String host, Integer port, String database, String username,
                         String password, String tls, Boolean ssl, String s3Bucket, String s3Region, String iamRole,
                         String awsAccessKeyId, String awsSecretAccessKey, Integer syncIntervalMinutes, String syncCron,
                         Integer varcharLength) {

        /** Everything but the secrets, so that a request can be logged or echoed safely. */
        @Override
        public String toString() {
            return "Create[name=" + name + ", kind=" + kind + ", host=" + host + ", port=" + port + ", database=" + database
                    + ", username=" + username + ", password=***, tls=" + tls + ", ssl=" + ssl + ", s3Bucket=" + s3Bucket + ", s3Region=" + s3Region
                    + ", iamRole=" + iamRole + ", awsAccessKeyId=" + awsAccessKeyId + ", awsSecretAccessKey=***"
                    + ", syncIntervalMinutes=" + syncIntervalMinutes + ", syncCron=" + syncCron + ", varcharLength=" + varcharLength + "]";
        }
    }

    /**
     * Every {@code syncIntervalMinutes} (15 to 1440; on the workspace's own minute of the grid), or
     * at the times of {@code syncCron}, a five-field cron expression in UTC whose slots are at least
     * 15 minutes apart; neither: hourly. {@code paused}: no scheduled syncs. {@code quietFromHour}
     * to {@code quietToHour} (0-23, UTC; 22 to 6 wraps midnight): no syncs then. What is not given
     * is the default (not paused, no quiet hours).
     */
    public record Schedule(Integer syncIntervalMinutes, String syncCron, Boolean paused, Integer quietFromHour, Integer quietToHour) {
    }

    /**
     * {@code varcharLength}: the length of the VARCHAR columns the loader makes from now on, 512 to
     * 65 535 (bytes on Redshift, characters on PostgreSQL); text longer than its column is cut. The
     * columns made before keep their length.
     */
    public record Columns(Integer varcharLength) {
    }

    /**
     * A schema of the warehouse that a source could load into: one the loader's user may use, whose
     * name bigPicture keeps as it is; with its tables and the sources that load into it now.
     */
    public record ExistingSchema(String name, long tables, List<String> loadedBy) {
    }

    /**
     * What "Check connection" found: each problem in words with the statement that fixes it, the
     * statements an admin runs for the loader's user (docs/design.md, section 6), and the addresses the
     * loader connects from, for the warehouse's firewall.
     */
    /**
     * The connection check: its steps in the order they ran, each problem with its fix, the admin
     * SQL for the loader's user, and the addresses the loader connects from.
     */
    public record Check(boolean ok, List<CheckStep> steps, List<String> problems, List<String> setupStatements, List<String> loaderAddresses) {
    }

    /** One step of the check; after a step that failed, those that need it are skipped. */
    public record CheckStep(String name, Outcome outcome, String detail) {
        public enum Outcome { PASSED, FAILED, SKIPPED }
    }

    public record View(UUID id, String name, WarehouseKind kind, String host, int port, String database, String username,
                       String tls, String s3Bucket, String s3Region, String iamRole, String awsAccessKeyId,
                       Integer syncIntervalMinutes, String syncCron, boolean paused, Integer quietFromHour, Integer quietToHour,
                       String schedule, Instant nextSyncAt, String attention, int varcharLength) {
        public static View of(Warehouse warehouse) {
            SyncSchedule schedule = warehouse.schedule();
            Integer minutes = schedule instanceof SyncSchedule.Every every ? (int) every.interval().toMinutes() : null;
            String cron = schedule instanceof SyncSchedule.Cron expression ? expression.expression() : null;
            Endpoint connection = warehouse.connection();
            Warehouse.CopySource copy = warehouse.copySource().orElse(new Warehouse.CopySource(null, null, null, null));
            return new View(warehouse.id(), warehouse.name(), warehouse.kind(), connection.host(), connection.port(),
                    connection.database(), connection.username(), connection.tls().setting(), copy.bucket(), copy.region(), copy.iamRole(),
                    copy.accessKeyId(), minutes, cron, warehouse.paused(), warehouse.quietHours().map(QuietHours::from).orElse(null),
                    warehouse.quietHours().map(QuietHours::to).orElse(null), describe(warehouse, schedule), warehouse.nextSyncAt(),
                    warehouse.attention().orElse(null), warehouse.newTextColumns().length());
        }

        /** "hourly", "cron 0 6 * * 1-5 (UTC), no syncs 09:00–17:00 UTC, paused" */
        private static String describe(Warehouse warehouse, SyncSchedule schedule) {
            return schedule.describe() + warehouse.quietHours().map(quiet -> ", " + quiet.describe()).orElse("")
                    + (warehouse.paused() ? ", paused" : "");
        }
    }
}
