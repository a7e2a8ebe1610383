package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.repository.DestinationRepository;
import io.bigpicture.admin.repository.SourceRepository;
import io.bigpicture.admin.repository.WarehouseRepository;
import io.bigpicture.admin.storage.CheckFileStore;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.Warehouse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * "Check connection" of a warehouse: the workspace's admins only, the warehouse and the schemas of
 * the sources that load into it read from the catalog, then the {@link ConnectionCheck}'s steps.
 */
@ApplicationScoped
public class WarehouseCheckService {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    @Inject
    WorkspaceService workspaces;

    @Inject
    WarehouseRepository warehouses;

    @Inject
    DestinationRepository destinations;

    @Inject
    SourceRepository sources;

    @Inject
    AdminConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    CheckFileStore checkFiles;

    /** The warehouse and the schemas of the sources that load into it. */
    private record Target(Warehouse warehouse, List<String> schemas) {
    }

    public Uni<WarehouseApi.Check> check(UUID workspaceId, UUID warehouseId) {
        // the catalog in a session of its own; then JDBC, which blocks, off the event loop; the
        // answer back on the caller's event loop, where the catalog may be used again
        Context caller = Vertx.currentContext();
        return Panache.withSession(() -> target(workspaceId, warehouseId))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(target -> new ConnectionCheck(cipher, checkFiles, config.console().loaderAddresses(), CONNECT_TIMEOUT_SECONDS)
                        .run(target.warehouse(), target.schemas()))
                .emitOn(work -> caller.runOnContext(ignored -> work.run()));
    }

    private Uni<Target> target(UUID workspaceId, UUID warehouseId) {
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.inTenant(tenant.id(), warehouseId))
                .chain(warehouse -> {
                    if (warehouse == null) {
                        throw ApiException.notFound("warehouse " + warehouseId);
                    }
                    return destinations.intoWarehouse(workspaceId, warehouseId)
                            .chain(loading -> sources.ofTenant(workspaceId).map(all -> all.stream()
                                    .filter(source -> loading.stream().anyMatch(destination -> destination.sourceId().equals(source.id())))
                                    .map(Source::schemaName).sorted().toList()))
                            .map(schemas -> new Target(warehouse, schemas));
                });
    }
}
