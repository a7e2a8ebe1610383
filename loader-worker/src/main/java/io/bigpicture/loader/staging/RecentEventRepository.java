package io.bigpicture.loader.staging;

import io.bigpicture.catalog.RecentEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RecentEventRepository implements PanacheRepositoryBase<RecentEvent, UUID> {

    /** Keeps the source's newest {@code kept} events. */
    public Uni<Void> trim(UUID sourceId, int kept) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from recent_event where source_id = :source and id not in"
                                + " (select id from recent_event where source_id = :source order by received_at desc limit :kept)")
                .setParameter("source", sourceId)
                .setParameter("kept", kept)
                .executeUpdate())
                .replaceWithVoid();
    }
}
