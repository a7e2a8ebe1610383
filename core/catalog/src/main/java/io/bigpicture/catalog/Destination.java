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
    /** Chosen by the workspace; null: the source's own schema. */
    @Column(name = "schema_name")
    private String schemaName;
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

    /** The schema the source loads into in this warehouse: the one chosen, else the source's own. */
    public String schemaOf(Source source) {
        return schemaName != null ? schemaName : source.schemaName();
    }

    public Optional<String> chosenSchema() {
        return Optional.ofNullable(schemaName);
    }

    /** From the next sync on; what was loaded stays where it is. Empty: the source's own schema. */
    public void loadInto(Optional<String> schema) {
        this.schemaName = schema.orElse(null);
    }

    public void filter(boolean enabled, String filtersJson) {
        this.enabled = enabled;
        this.filtersJson = filtersJson;
    }
}
