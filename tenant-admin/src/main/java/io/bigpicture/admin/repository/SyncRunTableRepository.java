package io.bigpicture.admin.repository;

import io.bigpicture.catalog.SyncRunTable;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncRunTableRepository implements PanacheRepositoryBase<SyncRunTable, UUID> {

    public Uni<List<SyncRunTable>> ofRun(UUID tenantId, UUID runId) {
        return list("tenantId = ?1 and syncRunId = ?2 order by tableName", tenantId, runId);
    }
}
