package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SchemaResourceTest {

    @Test
    void theSchemaPageListsTheTablesAndColumnsTheLoaderMadeWithTheirTypes() {
        String workspace = workspace();
        String warehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        for (String[] column : new String[][] {{"id", "VARCHAR"}, {"price", "BIGINT"}, {"ratio", "DOUBLE_PRECISION"}}) {
            TestingCatalog.execute("insert into warehouse_column (id, tenant_id, warehouse_id, schema_name, table_name, column_name, column_type)"
                    + " values (?, ?, ?, 'shop', 'order_completed', ?, ?)", UUID.randomUUID(), UUID.fromString(workspace),
                    UUID.fromString(warehouse), column[0], column[1]);
        }

        api().get("/api/workspaces/" + workspace + "/schema").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].warehouseName", equalTo("dw")).body("[0].schema", equalTo("shop")).body("[0].name", equalTo("order_completed"))
                .body("[0].columns.name", org.hamcrest.Matchers.contains("id", "price", "ratio"))
                .body("[0].columns.type", org.hamcrest.Matchers.contains("varchar(512)", "bigint", "double precision"));
    }
}
