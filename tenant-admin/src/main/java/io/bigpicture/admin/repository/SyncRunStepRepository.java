package io.bigpicture.admin.repository;

import io.bigpicture.catalog.SyncRunStep;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncRunStepRepository implements PanacheRepositoryBase<SyncRunStep, UUID> {

    public Uni<List<SyncRunStep>> ofRun(UUID tenantId, UUID runId) {
        return list("tenantId = ?1 and syncRunId = ?2 order by position", tenantId, runId);
    }
}
