package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.bigpicture.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class WorkspaceResourceTest {

    @Test
    void withoutTheTokenTheApiAnswers401() {
        given().when().get("/api/workspaces").then().statusCode(401).body("error", notNullValue());
        given().header("Authorization", "Bearer wrong").when().get("/api/workspaces").then().statusCode(401);
    }

    @Test
    void aWorkspaceNameIsRequiredAndUnique() {
        String name = "acme-" + UUID.randomUUID();
        api().body("{\"name\":\"" + name + "\"}").post("/api/workspaces").then().statusCode(201).body("name", equalTo(name));
        api().body("{\"name\":\"" + name + "\"}").post("/api/workspaces").then().statusCode(409);
        api().body("{\"name\":\"  \"}").post("/api/workspaces").then().statusCode(400).body("error", equalTo("workspace name is required"));
        api().queryParam("name", name).get("/api/workspaces").then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void anotherWorkspacesObjectsAreNotFound() {
        String mine = workspace();
        String theirs = workspace();
        String theirSource = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + theirs + "/sources").then().extract().path("id");
        String theirWarehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + theirs + "/warehouses").then().extract().path("id");
        api().put("/api/workspaces/" + theirs + "/sources/" + theirSource + "/destinations/" + theirWarehouse).then().statusCode(204);
        String theirJob = api().post("/api/workspaces/" + theirs + "/sources/" + theirSource + "/syncs").then().extract().path("jobs[0].id");
        String mySource = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + mine + "/sources").then().extract().path("id");

        api().get("/api/workspaces/" + mine + "/sources").then().body("id", not(org.hamcrest.Matchers.hasItem(theirSource)));
        api().get("/api/workspaces/" + mine + "/warehouses").then().body("", hasSize(0));
        api().post("/api/workspaces/" + mine + "/sources/" + theirSource + "/write-keys").then().statusCode(404);
        api().post("/api/workspaces/" + mine + "/sources/" + theirSource + "/syncs").then().statusCode(404);
        api().put("/api/workspaces/" + mine + "/sources/" + mySource + "/destinations/" + theirWarehouse).then().statusCode(404);
        api().get("/api/workspaces/" + mine + "/syncs/" + theirJob).then().statusCode(404);
        api().get("/api/workspaces/" + UUID.randomUUID() + "/sources").then().statusCode(404);
    }
}
