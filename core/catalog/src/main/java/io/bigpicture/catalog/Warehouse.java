package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
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
    @Column(name = "sync_interval_minutes")
    private int syncIntervalMinutes;
    @Column(name = "next_sync_at")
    private Instant nextSyncAt;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Warehouse() {
    }

    public Warehouse(UUID tenantId, String name, WarehouseKind kind, Connection connection, byte[] passwordSecret,
                     int syncIntervalMinutes, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.name = name;
        this.kind = kind;
        this.host = connection.host();
        this.port = connection.port();
        this.databaseName = connection.database();
        this.username = connection.username();
        this.passwordSecret = passwordSecret;
        this.syncIntervalMinutes = syncIntervalMinutes;
        this.nextSyncAt = now.plus(syncInterval());
        this.createdAt = now;
    }

    /** Where the warehouse is and whom the loader connects as; the password travels apart. */
    public record Connection(String host, int port, String database, String username) {
    }

    public Duration syncInterval() {
        return Duration.ofMinutes(syncIntervalMinutes);
    }

    public String name() {
        return name;
    }

    public WarehouseKind kind() {
        return kind;
    }

    public Connection connection() {
        return new Connection(host, port, databaseName, username);
    }

    public byte[] passwordSecret() {
        return passwordSecret.clone();
    }

    public int syncIntervalMinutes() {
        return syncIntervalMinutes;
    }

    public Instant nextSyncAt() {
        return nextSyncAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
