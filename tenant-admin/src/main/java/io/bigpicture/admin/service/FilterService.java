package io.bigpicture.admin.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.api.FilterApi;
import io.bigpicture.admin.repository.DestinationFilterChangeRepository;
import io.bigpicture.admin.repository.WarehouseColumnRepository;
import io.bigpicture.admin.security.Caller;
import io.bigpicture.admin.security.RequestCaller;
import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.DestinationFilterChange;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.WarehouseColumn;
import io.bigpicture.warehouse.filter.DestinationFilters;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A source's filters per warehouse it loads into: read by members, set by admins, each change in
 * the audit log with who made it. The loader applies them from its next sync.
 */
@ApplicationScoped
public class FilterService {

    @Inject
    WarehouseColumnRepository columns;

    @Inject
    DestinationFilterChangeRepository changes;

    @Inject
    RequestCaller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Loadings loadings;

    @WithSession
    public Uni<FilterApi.Settings> get(UUID workspaceId, UUID sourceId, UUID warehouseId) {
        return loadings.require(workspaceId, sourceId, warehouseId, MemberRole.VIEWER)
                .map(target -> FilterApi.Settings.of(target.destination().enabled(), filtersOf(target.destination())));
    }

    /** Refused, with every problem named, when a rule cannot work or names a table or column the warehouse lacks. */
    @WithTransaction
    public Uni<FilterApi.Settings> set(UUID workspaceId, UUID sourceId, UUID warehouseId, FilterApi.Settings request) {
        if (request == null) {
            throw ApiException.badRequest("filters are needed: enabled, events, properties, excludedTables, excludedColumns");
        }
        DestinationFilters wanted = request.filters();
        boolean enabled = request.enabled() == null || request.enabled();
        return loadings.require(workspaceId, sourceId, warehouseId, MemberRole.ADMIN).chain(target -> columns
                .inSchema(workspaceId, warehouseId, target.schema())
                .chain(known -> {
                    List<String> problems = wanted.problems(byTable(known));
                    if (!problems.isEmpty()) {
                        throw ApiException.badRequest(String.join("; ", problems));
                    }
                    Destination destination = target.destination();
                    List<String> changed = new ArrayList<>();
                    if (enabled != destination.enabled()) {
                        changed.add(enabled ? "switched on" : "switched off");
                    }
                    changed.addAll(wanted.changesFrom(filtersOf(destination)));
                    String stored = wanted.toJson(json);
                    destination.filter(enabled, wanted.equals(DestinationFilters.NONE) ? null : stored);
                    DestinationFilterChange change = new DestinationFilterChange(workspaceId, destination.id(), who(), Instant.now(),
                            enabled, stored, changed.isEmpty() ? "saved without changes" : String.join("; ", changed));
                    return changes.persist(change).map(saved -> FilterApi.Settings.of(enabled, wanted));
                }));
    }

    /** Newest first. */
    @WithSession
    public Uni<List<FilterApi.Change>> changes(UUID workspaceId, UUID sourceId, UUID warehouseId) {
        return loadings.require(workspaceId, sourceId, warehouseId, MemberRole.VIEWER)
                .chain(target -> changes.ofDestination(workspaceId, target.destination().id()))
                .map(all -> all.stream().map(change -> new FilterApi.Change(change.changedBy(), change.changedAt(), change.summary(),
                        FilterApi.Settings.of(change.enabled(), DestinationFilters.fromJson(json, change.filtersJson())))).toList());
    }

    private DestinationFilters filtersOf(Destination destination) {
        return destination.filtersJson().map(stored -> DestinationFilters.fromJson(json, stored)).orElse(DestinationFilters.NONE);
    }

    private static Map<String, Set<String>> byTable(List<WarehouseColumn> known) {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        known.forEach(column -> tables.computeIfAbsent(column.tableName(), table -> new LinkedHashSet<>()).add(column.columnName()));
        return tables;
    }

    private String who() {
        Caller current = caller.get();
        if (current instanceof Caller.Person person) {
            return person.email() != null ? person.email() : person.subject();
        }
        return "operator";
    }
}
