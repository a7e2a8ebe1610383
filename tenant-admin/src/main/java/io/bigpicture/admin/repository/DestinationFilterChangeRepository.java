package io.bigpicture.admin.repository;

import io.bigpicture.catalog.DestinationFilterChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DestinationFilterChangeRepository implements PanacheRepositoryBase<DestinationFilterChange, UUID> {

    /** Newest first. */
    public Uni<List<DestinationFilterChange>> ofDestination(UUID tenantId, UUID destinationId) {
        return list("tenantId = ?1 and destinationId = ?2 order by changedAt desc", tenantId, destinationId);
    }
}
