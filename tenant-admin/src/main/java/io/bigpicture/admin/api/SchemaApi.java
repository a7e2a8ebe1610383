package io.bigpicture.admin.api;

import java.util.List;
import java.util.UUID;

/** The schema catalog in the API: what bigPicture made in each warehouse, as it knows it. */
public final class SchemaApi {

    private SchemaApi() {
    }

    /** {@code type}: the warehouse type's name, e.g. {@code bigint}, {@code varchar(512)}. */
    public record Column(String name, String type) {
    }

    public record Table(UUID warehouseId, String warehouseName, String schema, String name, List<Column> columns) {
    }
}
