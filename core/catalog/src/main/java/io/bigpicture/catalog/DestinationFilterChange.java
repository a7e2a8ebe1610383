package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Audit: who set a destination's filters to what, when, and which rules that added or removed. */
@Entity
@Table(name = "destination_filter_change")
public class DestinationFilterChange extends TenantOwned {

    @Column(name = "destination_id")
    private UUID destinationId;
    @Column(name = "changed_by")
    private String changedBy;
    @Column(name = "changed_at")
    private Instant changedAt;
    private boolean enabled;
    @Column(name = "filters_json")
    private String filtersJson;
    private String summary;

    protected DestinationFilterChange() {
    }

    public DestinationFilterChange(UUID tenantId, UUID destinationId, String changedBy, Instant changedAt, boolean enabled,
                                   String filtersJson, String summary) {
        super(UUID.randomUUID(), tenantId);
        this.destinationId = destinationId;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
        this.enabled = enabled;
        this.filtersJson = filtersJson;
        this.summary = summary;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public boolean enabled() {
        return enabled;
    }

    public String filtersJson() {
        return filtersJson;
    }

    public String summary() {
        return summary;
    }
}
