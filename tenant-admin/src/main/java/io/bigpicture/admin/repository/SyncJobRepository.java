package io.bigpicture.admin.repository;

import io.bigpicture.catalog.SyncJob;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyncJobRepository implements PanacheRepositoryBase<SyncJob, UUID> {

    public Uni<SyncJob> inTenant(UUID tenantId, UUID jobId) {
        return find("id = ?1 and tenantId = ?2", jobId, tenantId).firstResult();
    }

    /** The tenant's latest jobs, newest first. */
    public Uni<List<SyncJob>> latestOf(UUID tenantId, int limit) {
        return find("tenantId = ?1 order by createdAt desc", tenantId).page(0, limit).list();
    }
}
