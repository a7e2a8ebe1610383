package io.bigpicture.ingest.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The write keys and their sources, for the cache; the only catalog reads of the ingest API. */
@ApplicationScoped
public class WriteKeyRepository {

    private static final String SELECT = "select new io.bigpicture.ingest.auth.KeyRow(k.keyHash, k.tenantId, k.sourceId, k.expiresAt, s.rateLimitPerSecond, s.allowedOrigins)"
            + " from WriteKey k join Source s on s.id = k.sourceId and s.tenantId = k.tenantId ";

    /** Keys that may still work: the cache's full load. */
    Uni<List<KeyRow>> usable(Instant now) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        SELECT + "where k.expiresAt is null or k.expiresAt > :now", KeyRow.class)
                .setParameter("now", now)
                .getResultList());
    }

    /** Keys, or their sources, created or changed since then: the cache's incremental load. */
    Uni<List<KeyRow>> changedSince(Instant since) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        SELECT + "where k.updatedAt >= :since or s.updatedAt >= :since", KeyRow.class)
                .setParameter("since", since)
                .getResultList());
    }
}
