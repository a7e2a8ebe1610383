package io.bigpicture.admin.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** What the tenant API's tests share: a request as the test admin, a new workspace, a warehouse's settings. */
final class TenantApi {

    private TenantApi() {
    }

    static RequestSpecification api() {
        return given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON);
    }

    /** A new workspace of the test admin's; its id. */
    static String workspace() {
        return api().body("{\"name\":\"ws-" + UUID.randomUUID() + "\"}").post("/api/workspaces").then().statusCode(201).extract().path("id");
    }

    /** The settings of a PostgreSQL warehouse, as JSON. */
    static String warehouse(String name, String password) {
        return "{\"name\":\"" + name + "\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":5432,\"database\":\"warehouse\","
                + "\"username\":\"loader\",\"password\":\"" + password + "\"}";
    }
}
