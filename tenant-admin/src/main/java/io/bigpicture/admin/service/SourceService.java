package io.bigpicture.admin.service;

import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.DestinationApi;
import io.bigpicture.admin.api.SourceApi;
import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.repository.DestinationRepository;
import io.bigpicture.admin.repository.RecentEventRepository;
import io.bigpicture.admin.repository.SourceRepository;
import io.bigpicture.admin.repository.WarehouseRepository;
import io.bigpicture.admin.repository.WriteKeyRepository;
import io.bigpicture.catalog.AllowedOrigins;
import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.WriteKey;
import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.warehouse.TableNamer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class SourceService {

    @Inject
    WorkspaceService workspaces;

    @Inject
    SourceRepository sources;

    @Inject
    Loadings loadings;

    @Inject
    WriteKeyRepository writeKeys;

    @Inject
    WarehouseRepository warehouses;

    @Inject
    DestinationRepository destinations;

    @Inject
    AdminConfig config;

    @Inject
    RecentEventRepository recentEvents;

    /** The source, its schema name (fixed from now on) and its first write key, shown this once. */
    @WithTransaction
    public Uni<SourceApi.Created> create(UUID workspaceId, SourceApi.Create request) {
        String name = Names.require(request == null ? null : request.name(), "source");
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> sources.ofTenant(tenant.id()))
                .chain(existing -> {
                    if (existing.stream().anyMatch(source -> source.name().equals(name))) {
                        throw ApiException.conflict("a source named " + name + " exists in this workspace");
                    }
                    Instant now = Instant.now();
                    // each source its own schema: "My Site" and "my-site" would otherwise load into the same tables
                    Set<String> taken = existing.stream().map(Source::schemaName).collect(Collectors.toSet());
                    Source source = new Source(workspaceId, name, TableNamer.schemaForSource(name, taken), now);
                    String writeKey = WriteKeys.generate();
                    return sources.persist(source)
                            .chain(() -> writeKeys.persist(new WriteKey(workspaceId, source.id(), WriteKeys.hash(writeKey), now)))
                            .map(stored -> new SourceApi.Created(source.id(), source.name(), source.schemaName(), writeKey));
                });
    }

    @WithSession
    public Uni<List<SourceApi.View>> list(UUID workspaceId, String name) {
        return workspaces.require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> name == null ? sources.ofTenant(tenant.id())
                        : sources.named(tenant.id(), name).map(found -> found == null ? List.<Source>of() : List.of(found)))
                .chain(all -> destinations.ofTenant(workspaceId).map(loading -> all.stream()
                        .map(source -> SourceApi.View.of(source, warehousesOf(source, loading))).toList()));
    }

    private static List<Destination> warehousesOf(Source source, List<Destination> destinations) {
        return destinations.stream().filter(destination -> destination.sourceId().equals(source.id())).toList();
    }

    /**
     * A new key; the keys before it keep working for the grace period, then stop.
     *
     * @param revokePrevious the source's other keys stop working now (a leaked key), every one of
     *                       them, those in their grace period too; the tracking API refuses them
     *                       within {@code bigpicture.ingest.write-key-refresh}
     */
    @WithTransaction
    public Uni<SourceApi.NewWriteKey> rotateWriteKey(UUID workspaceId, UUID sourceId, boolean revokePrevious) {
        Instant now = Instant.now();
        Duration grace = revokePrevious ? Duration.ZERO : config.admin().writeKeyGracePeriod();
        Instant previousExpire = now.plus(grace);
        String writeKey = WriteKeys.generate();
        return require(workspaceId, sourceId)
                .chain(source -> revokePrevious ? writeKeys.usable(workspaceId, sourceId, now) : writeKeys.openEnded(workspaceId, sourceId))
                .invoke(previous -> previous.forEach(key -> key.expireAfter(grace, now)))
                .chain(previous -> writeKeys.persist(new WriteKey(workspaceId, sourceId, WriteKeys.hash(writeKey), now)))
                .map(stored -> new SourceApi.NewWriteKey(writeKey, previousExpire));
    }

    /** Which browser origins may send events; the ingest API applies it within seconds. */
    @WithTransaction
    public Uni<SourceApi.View> allowOrigins(UUID workspaceId, UUID sourceId, SourceApi.AllowedOrigins request) {
        List<String> requested = request == null || request.origins() == null ? List.of() : request.origins();
        AllowedOrigins.Result checked = AllowedOrigins.of(requested);
        if (checked.problem().isPresent()) {
            throw ApiException.badRequest(checked.problem().get());
        }
        return require(workspaceId, sourceId)
                .invoke(source -> source.allowOrigins(checked.origins().orElseThrow(), Instant.now()))
                .chain(source -> destinations.ofTenant(workspaceId).map(loading -> SourceApi.View.of(source, warehousesOf(source, loading))));
    }

    /**
     * The source loads into the warehouse from its next sync on, into the schema of the settings
     * (null settings: as it does, or its own schema if it is new there). Two sources never load
     * into one schema of a warehouse: their tables would mix.
     */
    @WithTransaction
    public Uni<DestinationApi.View> connect(UUID workspaceId, UUID sourceId, UUID warehouseId, DestinationApi.Settings settings) {
        Optional<String> chosen = settings == null ? Optional.empty() : Optional.ofNullable(settings.schema()).map(String::trim);
        chosen.flatMap(TableNamer::problemWithChosenSchema).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        return require(workspaceId, sourceId).chain(source -> warehouses.inTenant(workspaceId, warehouseId).chain(warehouse -> {
            if (warehouse == null) {
                throw ApiException.notFound("warehouse " + warehouseId);
            }
            return destinations.intoWarehouse(workspaceId, warehouseId).chain(loading -> sources.ofTenant(workspaceId).chain(all -> {
                Destination destination = loading.stream().filter(existing -> existing.sourceId().equals(sourceId)).findFirst()
                        .orElse(null);
                boolean isNew = destination == null;
                if (isNew) {
                    destination = new Destination(workspaceId, sourceId, warehouseId, Instant.now());
                }
                if (settings != null) {
                    destination.loadInto(chosen);
                }
                String schema = destination.schemaOf(source);
                for (Destination other : loading) {
                    Source otherSource = all.stream().filter(candidate -> candidate.id().equals(other.sourceId())).findFirst().orElse(null);
                    if (!other.sourceId().equals(sourceId) && otherSource != null && other.schemaOf(otherSource).equals(schema)) {
                        throw ApiException.conflict("schema " + schema + " is where source " + otherSource.name() + " loads in warehouse "
                                + warehouse.name() + ": two sources never share a schema, as their tables would mix");
                    }
                }
                DestinationApi.View view = new DestinationApi.View(sourceId, warehouseId, schema, destination.chosenSchema().isPresent());
                return isNew ? destinations.persist(destination).replaceWith(view) : Uni.createFrom().item(view);
            }));
        }));
    }

    /** Where the source loads in the warehouse. */
    @WithSession
    public Uni<DestinationApi.View> destination(UUID workspaceId, UUID sourceId, UUID warehouseId) {
        return loadings.require(workspaceId, sourceId, warehouseId, MemberRole.VIEWER)
                .map(loading -> new DestinationApi.View(sourceId, warehouseId, loading.schema(), loading.destination().chosenSchema().isPresent()));
    }

    /**
     * The source stops: its write keys stop working (the ingest API learns it within its key
     * refresh interval), it loads into no warehouse any more, and its name is free again. What it
     * loaded stays in the warehouses.
     */
    @WithTransaction
    public Uni<Void> delete(UUID workspaceId, UUID sourceId) {
        Instant now = Instant.now();
        return require(workspaceId, sourceId)
                .invoke(source -> source.delete(now))
                .chain(source -> writeKeys.usable(workspaceId, sourceId, now))
                .invoke(keys -> keys.forEach(key -> key.expire(now)))
                .chain(keys -> destinations.deleteOfSource(workspaceId, sourceId))
                .replaceWithVoid();
    }

    /** The source no longer loads into the warehouse; what it loaded there stays. */
    @WithTransaction
    public Uni<Void> disconnect(UUID workspaceId, UUID sourceId, UUID warehouseId) {
        return require(workspaceId, sourceId)
                .chain(source -> destinations.of(workspaceId, sourceId, warehouseId))
                .chain(existing -> {
                    if (existing == null) {
                        throw ApiException.notFound("loading of source " + sourceId + " into warehouse " + warehouseId);
                    }
                    return destinations.delete(existing);
                });
    }

    /** The live events view: the source's latest events as the stager received them, newest first. */
    @WithSession
    public Uni<List<SourceApi.RecentEventView>> recentEvents(UUID workspaceId, UUID sourceId) {
        return workspaces.require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> sources.inTenant(tenant.id(), sourceId))
                .chain(source -> {
                    if (source == null) {
                        throw ApiException.notFound("source " + sourceId);
                    }
                    return recentEvents.latestOf(workspaceId, sourceId);
                })
                .map(events -> events.stream().map(SourceApi.RecentEventView::of).toList());
    }

    /** The source, for a change by an admin of its workspace. */
    Uni<Source> require(UUID workspaceId, UUID sourceId) {
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> sources.inTenant(tenant.id(), sourceId))
                .invoke(source -> {
                    if (source == null) {
                        throw ApiException.notFound("source " + sourceId);
                    }
                });
    }
}
