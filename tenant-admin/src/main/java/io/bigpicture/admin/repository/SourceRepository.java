package io.bigpicture.admin.repository;

import io.bigpicture.catalog.Source;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<Source, UUID> {

    /** Within the tenant only; another tenant's source, or a deleted one, is as absent as a missing one. */
    public Uni<Source> inTenant(UUID tenantId, UUID sourceId) {
        return find("id = ?1 and tenantId = ?2 and deletedAt is null", sourceId, tenantId).firstResult();
    }

    public Uni<List<Source>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 and deletedAt is null order by name", tenantId);
    }

    public Uni<Source> named(UUID tenantId, String name) {
        return find("tenantId = ?1 and name = ?2 and deletedAt is null", tenantId, name).firstResult();
    }
}
