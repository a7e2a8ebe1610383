package io.bigpicture.admin.repository;

import io.bigpicture.catalog.SyncRunDiscardExample;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncRunDiscardExampleRepository implements PanacheRepositoryBase<SyncRunDiscardExample, UUID> {

    public Uni<List<SyncRunDiscardExample>> ofRun(UUID tenantId, UUID runId) {
        return list("tenantId = ?1 and syncRunId = ?2 order by tableName, columnName", tenantId, runId);
    }
}
