package io.bigpicture.admin.repository;

import io.bigpicture.catalog.Warehouse;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WarehouseRepository implements PanacheRepositoryBase<Warehouse, UUID> {

    public Uni<Warehouse> inTenant(UUID tenantId, UUID warehouseId) {
        return find("id = ?1 and tenantId = ?2", warehouseId, tenantId).firstResult();
    }

    public Uni<List<Warehouse>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by name", tenantId);
    }

    public Uni<Warehouse> named(UUID tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResult();
    }
}
