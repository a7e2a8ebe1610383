package io.bigpicture.loader.sync.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/** The catalog from a worker thread: one transaction at a time, awaited. */
final class CatalogTransactions {

    private CatalogTransactions() {
    }

    /** Finds by id within the tenant; another tenant's row is as good as absent. */
    static <T> Uni<T> scoped(Mutiny.Session session, Class<T> type, UUID id, UUID tenant) {
        return session.createSelectionQuery("from " + type.getSimpleName() + " e where e.id = :id and e.tenantId = :tenant", type)
                .setParameter("id", id)
                .setParameter("tenant", tenant)
                .getSingleResult();
    }

    static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
