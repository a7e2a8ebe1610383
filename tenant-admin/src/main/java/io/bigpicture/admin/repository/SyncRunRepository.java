package io.bigpicture.admin.repository;

import io.bigpicture.catalog.SyncRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncRunRepository implements PanacheRepositoryBase<SyncRun, UUID> {

    public Uni<List<SyncRun>> ofJob(UUID tenantId, UUID jobId) {
        return list("tenantId = ?1 and syncJobId = ?2 order by startedAt", tenantId, jobId);
    }
}
