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
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * "Check connection" of a warehouse: the workspace's admins only, the warehouse and the schemas of
 * the sources that load into it read from the catalog, then the {@link ConnectionCheck}'s steps.
 */
@ApplicationScoped
public class WarehouseCheckService {

    /** A check is a person waiting: short limits, and a warehouse that holds a lock fails the step rather than wait. */
    private static final SessionLimits CHECK_LIMITS = new SessionLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10));

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

    @Inject
    WarehouseAddresses addresses;

    @Inject
    TlsTrust trust;

    /** The warehouse and the schemas of the sources that load into it. */
    private record Target(Warehouse warehouse, List<String> schemas) {
    }

    private CheckSlots slots;

    @PostConstruct
    void init() {
        slots = new CheckSlots(config.admin().checksAtOnce(), config.admin().checksAtOncePerWorkspace());
    }

    /** The catalog in a session of its own; then the check, whose JDBC blocks, off the event loop. */
    public Uni<WarehouseApi.Check> check(UUID workspaceId, UUID warehouseId) {
        return Panache.withSession(() -> target(workspaceId, warehouseId))
                .chain(target -> {
                    if (!slots.take(workspaceId)) {
                        throw ApiException.tooManyRequests("connection checks are running for this workspace already: try again when they"
                                + " have finished (each takes at most a minute)");
                    }
                    ConnectionCheck check = new ConnectionCheck(cipher, addresses, trust, checkFiles, config.console().loaderAddresses(), CHECK_LIMITS);
                    return OffEventLoop.run(() -> check.run(target.warehouse(), target.schemas()))
                            .onTermination().invoke(() -> slots.release(workspaceId));
                });
    }

    private Uni<Target> target(UUID workspaceId, UUID warehouseId) {
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.inTenant(tenant.id(), warehouseId))
                .chain(warehouse -> {
                    if (warehouse == null) {
                        throw ApiException.notFound("warehouse " + warehouseId);
                    }
                    return destinations.intoWarehouse(workspaceId, warehouseId)
                            .chain(loading -> sources.ofTenant(workspaceId).map(all -> loading.stream()
                                    .flatMap(destination -> all.stream().filter(source -> source.id().equals(destination.sourceId()))
                                            .map(destination::schemaOf))
                                    .sorted().toList()))
                            .map(schemas -> new Target(warehouse, schemas));
                });
    }
}
