package io.bigpicture.admin.service;

import io.bigpicture.admin.api.SchemaApi;
import io.bigpicture.admin.repository.WarehouseColumnRepository;
import io.bigpicture.admin.repository.WarehouseRepository;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseColumn;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The tables and columns bigPicture made in a workspace's warehouses, from the schema catalog. */
@ApplicationScoped
public class SchemaService {

    private record TableKey(UUID warehouseId, String schema, String table) {
    }

    @Inject
    WorkspaceService workspaces;

    @Inject
    WarehouseRepository warehouses;

    @Inject
    WarehouseColumnRepository columns;

    /** Tables by warehouse, schema and name; columns in the order they were made. */
    @WithSession
    public Uni<List<SchemaApi.Table>> tables(UUID workspaceId) {
        return workspaces.require(workspaceId, MemberRole.VIEWER)
                .chain(tenant -> warehouses.ofTenant(tenant.id()).chain(all -> columns.ofTenant(tenant.id()).map(made -> {
                    Map<UUID, String> names = all.stream().collect(Collectors.toMap(Warehouse::id, Warehouse::name));
                    Map<UUID, WarehouseDialect> dialects = all.stream().collect(Collectors.toMap(Warehouse::id, Warehouse::dialect));
                    Map<TableKey, List<SchemaApi.Column>> byTable = new LinkedHashMap<>();
                    for (WarehouseColumn column : made) {
                        byTable.computeIfAbsent(new TableKey(column.warehouseId(), column.schemaName(), column.tableName()), key -> new ArrayList<>())
                                .add(new SchemaApi.Column(column.columnName(),
                                        typeName(dialects.get(column.warehouseId()), column.columnType())));
                    }
                    List<SchemaApi.Table> tables = new ArrayList<>();
                    byTable.forEach((key, tableColumns) -> tables.add(
                            new SchemaApi.Table(key.warehouseId(), names.get(key.warehouseId()), key.schema(), key.table(), tableColumns)));
                    return tables;
                })));
    }

    private static String typeName(WarehouseDialect dialect, String catalogType) {
        return dialect.typeName(ColumnType.valueOf(catalogType)).toLowerCase(Locale.ROOT);
    }
}
