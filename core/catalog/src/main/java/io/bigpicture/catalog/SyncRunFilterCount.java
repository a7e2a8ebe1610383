package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** How many messages or rows one filter rule kept out of one run. */
@Entity
@Table(name = "sync_run_filter_count")
public class SyncRunFilterCount extends TenantOwned {

    @Column(name = "sync_run_id")
    private UUID syncRunId;
    private String rule;
    @Column(name = "kept_out")
    private long keptOut;

    protected SyncRunFilterCount() {
    }

    public SyncRunFilterCount(UUID tenantId, UUID syncRunId, String rule, long keptOut) {
        super(UUID.randomUUID(), tenantId);
        this.syncRunId = syncRunId;
        this.rule = rule;
        this.keptOut = keptOut;
    }

    public String rule() {
        return rule;
    }

    public long keptOut() {
        return keptOut;
    }
}
