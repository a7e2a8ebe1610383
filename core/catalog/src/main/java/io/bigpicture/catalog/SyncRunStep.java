package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Set;
import java.util.UUID;

/** One step of a run (reading staged files, the schema, a table's load) and how it ended. */
@Entity
@Table(name = "sync_run_step")
public class SyncRunStep extends TenantOwned {

    public enum Outcome { SUCCEEDED, FAILED }

    /** Steps whose detail is for people (sync history shows it): a staging file set aside, a limit reached, names that look unbounded. */
    public static final String SET_ASIDE = "set aside";
    public static final String WARNING = "warning";
    public static final Set<String> NOTED = Set.of(SET_ASIDE, WARNING);

    @Column(name = "sync_run_id")
    private UUID syncRunId;
    private int position;
    private String step;
    @Column(name = "table_name")
    private String tableName;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private long millis;
    private String detail;

    protected SyncRunStep() {
    }

    public SyncRunStep(UUID tenantId, UUID syncRunId, int position, String step, String tableName, Outcome outcome, long millis, String detail) {
        super(UUID.randomUUID(), tenantId);
        this.syncRunId = syncRunId;
        this.position = position;
        this.step = step;
        this.tableName = tableName;
        this.outcome = outcome;
        this.millis = millis;
        this.detail = detail;
    }

    public int position() {
        return position;
    }

    public String step() {
        return step;
    }

    public String tableName() {
        return tableName;
    }

    public Outcome outcome() {
        return outcome;
    }

    public long millis() {
        return millis;
    }

    public String detail() {
        return detail;
    }
}
