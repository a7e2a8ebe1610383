package io.bigpicture.admin.repository;

import io.bigpicture.catalog.RecentEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RecentEventRepository implements PanacheRepositoryBase<RecentEvent, UUID> {

    /** Newest first. */
    public Uni<List<RecentEvent>> latestOf(UUID tenantId, UUID sourceId) {
        return find("tenantId = ?1 and sourceId = ?2 order by receivedAt desc", tenantId, sourceId).page(0, RecentEvent.KEPT_PER_SOURCE).list();
    }
}
