package io.bigpicture.ingest.auth;

import io.bigpicture.catalog.WriteKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WriteKeyRepository implements PanacheRepositoryBase<WriteKey, UUID> {

    /** Keys that may still work: the cache's full load. */
    Uni<List<WriteKey>> usable(Instant now) {
        return list("expiresAt is null or expiresAt > ?1", now);
    }

    /** Keys created or changed since then: the cache's incremental load. */
    Uni<List<WriteKey>> changedSince(Instant since) {
        return list("updatedAt >= ?1", since);
    }
}
