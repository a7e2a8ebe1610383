package io.bigpicture.catalog;

import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.TlsMode;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.bigpicture.warehouse.dialect.WarehouseKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A customer's database that sources load into, and when it syncs next. */
@Entity
@Table(name = "warehouse")
public class Warehouse extends TenantOwned {

    public static final int DEFAULT_SYNC_INTERVAL_MINUTES = 60;
    public static final int MIN_SYNC_INTERVAL_MINUTES = 15;
    public static final int MAX_SYNC_INTERVAL_MINUTES = 24 * 60;

    private String name;
    @Enumerated(EnumType.STRING)
    private WarehouseKind kind;
    private String host;
    private int port;
    @Column(name = "database_name")
    private String databaseName;
    private String username;
    /** Envelope-encrypted by {@link SecretCipher}. */
    @Column(name = "password_secret")
    private byte[] passwordSecret;
    @Column(name = "s3_bucket")
    private String s3Bucket;
    @Column(name = "s3_region")
    private String s3Region;
    @Column(name = "iam_role")
    private String iamRole;
    @Column(name = "aws_access_key_id")
    private String awsAccessKeyId;
    /** Envelope-encrypted by {@link SecretCipher}. */
    @Column(name = "aws_secret_key_secret")
    private byte[] awsSecretKeySecret;
    @Enumerated(EnumType.STRING)
    @Column(name = "tls_mode")
    private TlsMode tlsMode;
    @Column(name = "sync_interval_minutes")
    private int syncIntervalMinutes;
    /** When set, the schedule is this cron expression and the interval is not used. */
    @Column(name = "sync_cron")
    private String syncCron;
    /** No scheduled syncs ("Sync now" still works). */
    private boolean paused;
    @Column(name = "quiet_from_hour")
    private Integer quietFromHour;
    @Column(name = "quiet_to_hour")
    private Integer quietToHour;
    /** What a person must fix before syncs can work again (with the statement that fixes it); null: nothing. */
    private String attention;
    @Column(name = "next_sync_at")
    private Instant nextSyncAt;
    @Column(name = "created_at")
    private Instant createdAt;
    /** See {@link VarcharLength}. */
    @Column(name = "varchar_length")
    private int varcharLength;

    protected Warehouse() {
    }

    /**
     * @param password           encrypted here, bound to this warehouse
     * @param awsSecretAccessKey with a copy source that reads with access keys; encrypted likewise
     */
    public Warehouse(UUID tenantId, String name, WarehouseKind kind, Endpoint connection, String password, CopySource copySource,
                     String awsSecretAccessKey, SecretCipher cipher, SyncSchedule schedule, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.name = name;
        this.kind = kind;
        this.host = connection.host();
        this.port = connection.port();
        this.databaseName = connection.database();
        this.username = connection.username();
        this.tlsMode = connection.tls();
        this.passwordSecret = cipher.encrypt(password, secret(SecretBinding.Field.PASSWORD));
        if (copySource != null) {
            this.s3Bucket = copySource.bucket();
            this.s3Region = copySource.region();
            this.iamRole = copySource.iamRole();
            this.awsAccessKeyId = copySource.accessKeyId();
            this.awsSecretKeySecret = awsSecretAccessKey == null ? null
                    : cipher.encrypt(awsSecretAccessKey, secret(SecretBinding.Field.AWS_SECRET_ACCESS_KEY));
        }
        this.syncIntervalMinutes = DEFAULT_SYNC_INTERVAL_MINUTES;
        this.varcharLength = VarcharLength.DEFAULT_LENGTH;
        reschedule(schedule, Optional.empty(), false, now);
        this.createdAt = now;
    }

    /**
     * Where Redshift's COPY reads load files: a bucket and its region, and either the cluster's IAM
     * role or an access key (whose secret is kept encrypted: {@link #awsSecretAccessKey}).
     */
    public record CopySource(String bucket, String region, String iamRole, String accessKeyId) {
    }

    /** Where this warehouse's secrets belong, which their ciphertexts are bound to. */
    public SecretBinding secret(SecretBinding.Field field) {
        return new SecretBinding(tenantId(), id(), field);
    }

    /** Intervals sit on the tenant's own minute of the grid (see {@link SyncSchedule.Every#minutes(int, UUID)}). */
    public SyncSchedule schedule() {
        return syncCron != null ? new SyncSchedule.Cron(syncCron) : SyncSchedule.Every.minutes(syncIntervalMinutes, tenantId());
    }

    public Optional<QuietHours> quietHours() {
        return QuietHours.of(quietFromHour, quietToHour);
    }

    public boolean paused() {
        return paused;
    }

    public Optional<String> attention() {
        return Optional.ofNullable(attention);
    }

    /** A sync failed in a way no retry mends, or (null) one succeeded. */
    public void needsAttention(String reason) {
        attention = reason;
    }

    /** The new schedule applies from now: the next sync is its first slot after now that is not quiet. */
    public void reschedule(SyncSchedule schedule, Optional<QuietHours> quiet, boolean paused, Instant now) {
        if (schedule instanceof SyncSchedule.Cron cron) {
            syncCron = cron.expression();
        } else if (schedule instanceof SyncSchedule.Every every) {
            syncCron = null;
            syncIntervalMinutes = (int) every.interval().toMinutes();
        }
        quietFromHour = quiet.map(QuietHours::from).orElse(null);
        quietToHour = quiet.map(QuietHours::to).orElse(null);
        this.paused = paused;
        nextSyncAt = notQuiet(schedule().firstAfter(now));
    }

    /** After its slot came: the schedule's next slot after now that is not quiet. */
    public void moveToNextSlotAfter(Instant now) {
        nextSyncAt = notQuiet(schedule().nextAfter(nextSyncAt, now));
    }

    private Instant notQuiet(Instant slot) {
        return quietHours().map(quiet -> quiet.moveOut(slot, schedule())).orElse(slot);
    }

    public String name() {
        return name;
    }

    public WarehouseKind kind() {
        return kind;
    }

    /** How long the text columns the loader makes from now on are; those it made before keep their length. */
    public VarcharLength newTextColumns() {
        return new VarcharLength(varcharLength);
    }

    public void makeNewTextColumns(VarcharLength length) {
        this.varcharLength = length.length();
    }

    /** The SQL of this warehouse, making text columns of {@link #newTextColumns()}. */
    public WarehouseDialect dialect() {
        return kind.connector().dialect(host, newTextColumns());
    }

    public Endpoint connection() {
        return new Endpoint(host, port, databaseName, username, tlsMode);
    }

    /** Empty for a warehouse that loads without S3 (PostgreSQL). */
    public Optional<CopySource> copySource() {
        return s3Bucket == null ? Optional.empty()
                : Optional.of(new CopySource(s3Bucket, s3Region, iamRole, awsAccessKeyId));
    }

    /** Decrypted for the driver only; never logged or answered. */
    public String password(SecretCipher cipher) {
        return cipher.decrypt(passwordSecret, secret(SecretBinding.Field.PASSWORD));
    }

    /** The copy source's secret access key, decrypted for the COPY statement only; empty with an IAM role. */
    public Optional<String> awsSecretAccessKey(SecretCipher cipher) {
        return awsSecretKeySecret == null ? Optional.empty()
                : Optional.of(cipher.decrypt(awsSecretKeySecret, secret(SecretBinding.Field.AWS_SECRET_ACCESS_KEY)));
    }

    public Instant nextSyncAt() {
        return nextSyncAt;
    }
}
