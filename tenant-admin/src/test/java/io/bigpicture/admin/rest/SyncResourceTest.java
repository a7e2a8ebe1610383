package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.bigpicture.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SyncResourceTest {

    @Test
    void syncNowMakesOneJobPerWarehouseAndItCanBeReadBack() {
        String workspace = workspace();
        String source = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        api().post("/api/workspaces/" + workspace + "/sources/" + source + "/syncs").then().statusCode(409);
        String warehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        api().put("/api/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get("/api/workspaces/" + workspace + "/sources").then().statusCode(200)
                .body("find { it.id == '" + source + "' }.warehouseIds", org.hamcrest.Matchers.contains(warehouse));

        String job = api().post("/api/workspaces/" + workspace + "/sources/" + source + "/syncs")
                .then().statusCode(202).body("jobs", hasSize(1)).body("jobs[0].status", equalTo("PENDING"))
                .extract().path("jobs[0].id");

        api().get("/api/workspaces/" + workspace + "/syncs/" + job).then().statusCode(200)
                .body("warehouseId", equalTo(warehouse)).body("trigger", equalTo("MANUAL")).body("finished", equalTo(false));
    }
}
