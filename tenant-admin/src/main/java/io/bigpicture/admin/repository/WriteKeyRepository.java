package io.bigpicture.admin.repository;

import io.bigpicture.catalog.WriteKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WriteKeyRepository implements PanacheRepositoryBase<WriteKey, UUID> {

    /** The source's keys that have no end yet. */
    public Uni<List<WriteKey>> openEnded(UUID tenantId, UUID sourceId) {
        return list("tenantId = ?1 and sourceId = ?2 and expiresAt is null", tenantId, sourceId);
    }

    /** The source's keys that still work or will for a while. */
    public Uni<List<WriteKey>> usable(UUID tenantId, UUID sourceId, Instant now) {
        return list("tenantId = ?1 and sourceId = ?2 and (expiresAt is null or expiresAt > ?3)", tenantId, sourceId, now);
    }
}
