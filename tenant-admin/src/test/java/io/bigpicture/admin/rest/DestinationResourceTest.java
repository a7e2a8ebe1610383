package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DestinationResourceTest {

    @Test
    void aSourceStopsLoadingIntoAWarehouse() {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String source = api().body("{\"name\":\"shop\"}").post(path).then().extract().path("id");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        api().put(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get(path).then().body("[0].warehouseIds", org.hamcrest.Matchers.contains(warehouse));

        api().delete(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);

        api().get(path).then().body("[0].warehouseIds", org.hamcrest.Matchers.empty());
        api().delete(path + "/" + source + "/destinations/" + warehouse).then().statusCode(404)
                .body("error", equalTo("loading of source " + source + " into warehouse " + warehouse + " not found"));
        api().post(path + "/" + source + "/syncs").then().statusCode(409);
    }

    /** A customer moving from another loader points a source at the schema their dashboards read. */
    @Test
    void aSourceLoadsIntoTheSchemaChosenForAWarehouseAndNoTwoSourcesShareOne() {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String web = api().body("{\"name\":\"web\"}").post(path).then().extract().path("id");
        String app = api().body("{\"name\":\"app\"}").post(path).then().extract().path("id");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        String webThere = path + "/" + web + "/destinations/" + warehouse;
        String appThere = path + "/" + app + "/destinations/" + warehouse;

        api().body("{\"schema\":\"segment_prod\"}").put(webThere).then().statusCode(204);
        api().get(webThere).then().statusCode(200).body("schema", equalTo("segment_prod")).body("chosen", equalTo(true));
        api().put(webThere).then().statusCode(204);
        api().get(webThere).then().body("schema", equalTo("segment_prod"));

        api().body("{\"schema\":\"segment_prod\"}").put(appThere).then().statusCode(409)
                .body("error", equalTo("schema segment_prod is where source web loads in warehouse dw: two sources never share a schema,"
                        + " as their tables would mix"));
        api().body("{\"schema\":\"Segment Prod\"}").put(appThere).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.endsWith("(as the warehouse keeps it: segment_prod)"));
        api().body("{\"schema\":\"public\"}").put(appThere).then().statusCode(400)
                .body("error", equalTo("schema: public is kept by the database or by bigPicture; choose a schema of your own"));
        api().get(appThere).then().statusCode(404);
        // web's own schema is free while web loads into segment_prod; then web cannot go back to it
        api().body("{\"schema\":\"web\"}").put(appThere).then().statusCode(204);
        api().body("{\"schema\":null}").put(webThere).then().statusCode(409);
        api().body("{\"schema\":null}").put(appThere).then().statusCode(204);

        api().body("{\"schema\":null}").put(webThere).then().statusCode(204);
        api().get(webThere).then().body("schema", equalTo("web")).body("chosen", equalTo(false));
        assertThat(TestingCatalog.single("select schema_name is null from destination where source_id = ?", UUID.fromString(web))).isEqualTo(true);
    }

    @Test
    void aSourcesFiltersPerWarehouseAreCheckedSavedAndLoggedWithWhoChangedThem() throws Exception {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String source = api().body("{\"name\":\"app\"}").post(path).then().extract().path("id");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        String filters = path + "/" + source + "/destinations/" + warehouse + "/filters";
        api().get(filters).then().statusCode(404);
        api().put(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get(filters).then().statusCode(200).body("enabled", equalTo(true)).body("events.mode", equalTo("BLOCK"))
                .body("events.rules", hasSize(0)).body("excludedTables", hasSize(0));
        TestingCatalog.execute("insert into warehouse_column (id, tenant_id, warehouse_id, schema_name, table_name, column_name, column_type)"
                + " values (?, ?, ?, 'app', 'debug_click', 'id', 'VARCHAR')", UUID.randomUUID(), UUID.fromString(workspace), UUID.fromString(warehouse));

        api().body("{\"events\":{\"mode\":\"BLOCK\",\"rules\":[{\"types\":[\"click\"],\"name\":\"Debug \\\\\"}]},"
                        + "\"properties\":[{\"path\":\"ip\",\"action\":\"DROP\"}],\"excludedTables\":[\"nope\"]}")
                .put(filters).then().statusCode(400).body("error", equalTo(
                        "events.rules[0].types: click is not a call type (track, identify, page, screen, group, alias); "
                                + "events.rules[0].name: the pattern Debug \\ ends in a lone \\ (write \\\\ for a backslash); "
                                + "properties[0].path: ip does not start with context., properties. or traits.; "
                                + "excludedTables: the warehouse has no table nope for this source"));
        String good = "{\"enabled\":true,\"events\":{\"mode\":\"BLOCK\",\"rules\":[{\"types\":[\"track\"],\"name\":\"Debug *\"}]},"
                + "\"properties\":[{\"path\":\"context.ip\",\"action\":\"DROP\"}],\"excludedTables\":[\"debug_click\"]}";
        api().body(good).put(filters).then().statusCode(200).body("events.rules[0].name", equalTo("Debug *"))
                .body("properties[0].action", equalTo("DROP")).body("excludedTables", org.hamcrest.Matchers.contains("debug_click"));
        api().body(good.replace("\"enabled\":true", "\"enabled\":false")).put(filters).then().statusCode(200);

        api().get(filters).then().statusCode(200).body("enabled", equalTo(false)).body("events.rules[0].types", org.hamcrest.Matchers.contains("track"));
        api().get(filters + "/changes").then().statusCode(200).body("", hasSize(2))
                .body("[0].summary", equalTo("switched off")).body("[0].changedBy", equalTo("operator"))
                .body("[1].summary", equalTo("added events: block track named 'Debug *'; added properties: drop context.ip; "
                        + "added selective sync: table debug_click"))
                .body("[1].settings.enabled", equalTo(true));
        assertThat(TestingCatalog.single("select enabled from destination where source_id = ?", UUID.fromString(source))).isEqualTo(false);
    }
}
