package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.repository.DestinationRepository;
import io.bigpicture.admin.repository.SourceRepository;
import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.Source;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** A source's loading into a warehouse, for a member of its workspace with the role needed; 404 otherwise. */
@ApplicationScoped
public class Loadings {

    /** The source and where and how it loads into the warehouse. */
    public record Loading(Source source, Destination destination) {

        public String schema() {
            return destination.schemaOf(source);
        }
    }

    @Inject
    WorkspaceService workspaces;

    @Inject
    SourceRepository sources;

    @Inject
    DestinationRepository destinations;

    Uni<Loading> require(UUID workspaceId, UUID sourceId, UUID warehouseId, MemberRole needed) {
        return workspaces.require(workspaceId, needed)
                .chain(tenant -> sources.inTenant(tenant.id(), sourceId))
                .chain(source -> {
                    if (source == null) {
                        throw ApiException.notFound("source " + sourceId);
                    }
                    return destinations.of(workspaceId, sourceId, warehouseId).map(destination -> {
                        if (destination == null) {
                            throw ApiException.notFound("loading of source " + sourceId + " into warehouse " + warehouseId);
                        }
                        return new Loading(source, destination);
                    });
                });
    }
}
