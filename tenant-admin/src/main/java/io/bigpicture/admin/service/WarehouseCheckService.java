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
import io.bigpicture.warehouse.WarehouseFailure;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * "Check connection" of a warehouse, and the schemas it has: the workspace's admins only, the
 * warehouse and the schemas of the sources that load into it read from the catalog, then the
 * {@link ConnectionCheck}'s steps or its list of schemas.
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

    /** The warehouse and the sources that load into it, by their schema there. */
    private record Target(Warehouse warehouse, Map<String, List<String>> sourcesBySchema) {

        List<String> schemas() {
            return List.copyOf(sourcesBySchema.keySet());
        }
    }

    private CheckSlots slots;

    @PostConstruct
    void init() {
        slots = new CheckSlots(config.admin().checksAtOnce(), config.admin().checksAtOncePerWorkspace());
    }

    /** The catalog in a session of its own; then the check, whose JDBC blocks, off the event loop. */
    public Uni<WarehouseApi.Check> check(UUID workspaceId, UUID warehouseId) {
        return onWarehouse(workspaceId, warehouseId, (check, target) -> check.run(target.warehouse(), target.schemas()));
    }

    /**
     * The schemas a source could load into, as the loader's user sees them now; 502 with the
     * warehouse's answer in words when it cannot be asked.
     */
    public Uni<List<WarehouseApi.ExistingSchema>> schemas(UUID workspaceId, UUID warehouseId) {
        return onWarehouse(workspaceId, warehouseId, (check, target) -> {
            try {
                return check.schemas(target.warehouse(), target.sourcesBySchema());
            } catch (SQLException failed) {
                Endpoint at = target.warehouse().connection();
                WarehouseFailure.Context context = new WarehouseFailure.Context(at.host(), at.port(), at.database(), at.username(), null);
                throw ApiException.badGateway("could not read the warehouse's schemas: "
                        + WarehouseFailure.classify(failed.getSQLState(), failed.getMessage(), context).message());
            }
        });
    }

    /** Work on the warehouse: one of the workspace's slots held while it runs, off the event loop. */
    private <T> Uni<T> onWarehouse(UUID workspaceId, UUID warehouseId, BiFunction<ConnectionCheck, Target, T> work) {
        return Panache.withSession(() -> target(workspaceId, warehouseId))
                .chain(target -> {
                    if (!slots.take(workspaceId)) {
                        throw ApiException.tooManyRequests("connection checks are running for this workspace already: try again when they"
                                + " have finished (each takes at most a minute)");
                    }
                    ConnectionCheck check = new ConnectionCheck(cipher, addresses, trust, checkFiles, config.console().loaderAddresses(), CHECK_LIMITS);
                    return OffEventLoop.run(() -> work.apply(check, target))
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
                            .chain(loading -> sources.ofTenant(workspaceId).map(all -> {
                                Map<String, List<String>> bySchema = new TreeMap<>();
                                loading.forEach(destination -> all.stream().filter(source -> source.id().equals(destination.sourceId()))
                                        .forEach(source -> bySchema.computeIfAbsent(destination.schemaOf(source), schema -> new ArrayList<>())
                                                .add(source.name())));
                                return bySchema;
                            }))
                            .map(bySchema -> new Target(warehouse, bySchema));
                });
    }
}
