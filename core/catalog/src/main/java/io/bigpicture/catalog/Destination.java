package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A source loading into a warehouse, and what of it goes in (switched off: nothing). */
@Entity
@Table(name = "destination")
public class Destination extends TenantOwned {

    @Column(name = "source_id")
    private UUID sourceId;
    @Column(name = "warehouse_id")
    private UUID warehouseId;
    private boolean enabled;
    /** DestinationFilters as JSON; null: everything loads. */
    @Column(name = "filters_json")
    private String filtersJson;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Destination() {
    }

    public Destination(UUID tenantId, UUID sourceId, UUID warehouseId, Instant now) {
        super(UUID.randomUUID(), tenantId);
        this.sourceId = sourceId;
        this.warehouseId = warehouseId;
        this.enabled = true;
        this.createdAt = now;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public UUID warehouseId() {
        return warehouseId;
    }

    public boolean enabled() {
        return enabled;
    }

    public Optional<String> filtersJson() {
        return Optional.ofNullable(filtersJson);
    }

    public void filter(boolean enabled, String filtersJson) {
        this.enabled = enabled;
        this.filtersJson = filtersJson;
    }
}
