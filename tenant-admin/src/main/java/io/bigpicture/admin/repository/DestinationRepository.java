package io.bigpicture.admin.repository;

import io.bigpicture.catalog.Destination;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DestinationRepository implements PanacheRepositoryBase<Destination, UUID> {

    public Uni<List<Destination>> enabledOf(UUID tenantId, UUID sourceId) {
        return list("tenantId = ?1 and sourceId = ?2 and enabled = true", tenantId, sourceId);
    }

    public Uni<List<Destination>> ofTenant(UUID tenantId) {
        return list("tenantId", tenantId);
    }

    public Uni<List<Destination>> intoWarehouse(UUID tenantId, UUID warehouseId) {
        return list("tenantId = ?1 and warehouseId = ?2", tenantId, warehouseId);
    }

    public Uni<Long> deleteOfSource(UUID tenantId, UUID sourceId) {
        return delete("tenantId = ?1 and sourceId = ?2", tenantId, sourceId);
    }

    public Uni<Destination> of(UUID tenantId, UUID sourceId, UUID warehouseId) {
        return find("tenantId = ?1 and sourceId = ?2 and warehouseId = ?3", tenantId, sourceId, warehouseId).firstResult();
    }
}
