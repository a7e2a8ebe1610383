package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SourceResourceTest {

    @Test
    void eachSourceLoadsIntoASchemaOfItsOwnAndNoneIntoTheCustomersPublicSchema() {
        String workspace = workspace();
        String sources = "/api/workspaces/" + workspace + "/sources";

        api().body("{\"name\":\"public\"}").post(sources).then().statusCode(201).body("schemaName", equalTo("_public"));
        api().body("{\"name\":\"My Site\"}").post(sources).then().statusCode(201).body("schemaName", equalTo("my_site"));
        api().body("{\"name\":\"my-site\"}").post(sources).then().statusCode(201).body("schemaName", equalTo("my_site_2"));
    }

    @Test
    void aNewSourceAnswersItsWriteKeyOnceAndTheCatalogKeepsOnlyItsHash() {
        String workspace = workspace();
        String writeKey = api().body("{\"name\":\"My Web Site\"}").post("/api/workspaces/" + workspace + "/sources")
                .then().statusCode(201).body("schemaName", equalTo("my_web_site"))
                .extract().path("writeKey");

        assertThat(writeKey).startsWith("bpk_");
        assertThat(TestingCatalog.single("select count(*) from write_key where key_hash = ?", WriteKeys.hash(writeKey))).isEqualTo(1L);
        assertThat(TestingCatalog.single("select count(*) from write_key where key_hash = ?", writeKey)).isEqualTo(0L);
        api().get("/api/workspaces/" + workspace + "/sources").then().statusCode(200)
                .body("[0].name", equalTo("My Web Site")).body("[0]", not(org.hamcrest.Matchers.hasKey("writeKey")));
    }

    @Test
    void aLeakedWriteKeyIsRevokedAtOnceWithEveryKeyStillInItsGracePeriod() {
        String workspace = workspace();
        String created = api().body("{\"name\":\"leaky\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().asString();
        String source = JsonPath.from(created).getString("id");
        String first = JsonPath.from(created).getString("writeKey");
        String rotations = "/api/workspaces/" + workspace + "/sources/" + source + "/write-keys";
        String second = api().post(rotations).then().statusCode(201).extract().path("writeKey");

        String third = api().queryParam("revokePrevious", true).post(rotations).then().statusCode(201).extract().path("writeKey");

        for (String revoked : List.of(first, second)) {
            assertThat(TestingCatalog.single("select expires_at <= now() from write_key where key_hash = ?", WriteKeys.hash(revoked)))
                    .as("no longer works").isEqualTo(true);
        }
        assertThat(TestingCatalog.single("select expires_at is null from write_key where key_hash = ?", WriteKeys.hash(third))).isEqualTo(true);
    }

    @Test
    void rotatingAWriteKeyGivesANewOneAndTheOldOneAGracePeriod() {
        String workspace = workspace();
        String source = api().body("{\"name\":\"app\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");

        String newKey = api().post("/api/workspaces/" + workspace + "/sources/" + source + "/write-keys")
                .then().statusCode(201).body("previousKeysExpireAt", notNullValue()).extract().path("writeKey");

        assertThat(TestingCatalog.single("select expires_at is null from write_key where key_hash = ?", WriteKeys.hash(newKey))).isEqualTo(true);
        Object graceHours = TestingCatalog.single(
                "select round(extract(epoch from expires_at - now()) / 3600) from write_key where source_id = ? and expires_at is not null",
                UUID.fromString(source));
        assertThat(((Number) graceHours).intValue()).isEqualTo(24);
    }

    @Test
    void aDeletedSourcesKeysStopAtOnceItLoadsNowhereAndItsNameIsFreeAgain() {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String source = api().body("{\"name\":\"old app\"}").post(path).then().extract().path("id");
        String rotatedKey = api().post(path + "/" + source + "/write-keys").then().statusCode(201).extract().path("writeKey");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        api().put(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);

        api().delete(path + "/" + source).then().statusCode(204);

        assertThat(TestingCatalog.single("select count(*) from write_key where source_id = ? and (expires_at is null or expires_at > now())",
                UUID.fromString(source))).isEqualTo(0L);
        assertThat(TestingCatalog.single("select expires_at <= now() from write_key where key_hash = ?", WriteKeys.hash(rotatedKey))).isEqualTo(true);
        assertThat(TestingCatalog.single("select count(*) from destination where source_id = ?", UUID.fromString(source))).isEqualTo(0L);
        api().get(path).then().statusCode(200).body("", org.hamcrest.Matchers.hasSize(0));
        api().get(path + "/" + source + "/events").then().statusCode(404);
        api().post(path + "/" + source + "/syncs").then().statusCode(404);
        api().delete(path + "/" + source).then().statusCode(404);
        api().body("{\"name\":\"old app\"}").post(path).then().statusCode(201).body("schemaName", equalTo("old_app"));
    }

    @Test
    void aSourceCanBeLimitedToBrowserOriginsAndBadOnesAreRefused() {
        String workspace = workspace();
        String source = api().body("{\"name\":\"site\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        String path = "/api/workspaces/" + workspace + "/sources/" + source + "/allowed-origins";

        api().body("{\"origins\":[\"https://Shop.Example\",\"https://*.example.org\"]}").put(path).then().statusCode(200)
                .body("allowedOrigins", org.hamcrest.Matchers.contains("https://*.example.org", "https://shop.example"));
        api().body("{\"origins\":[\"https://shop.example/checkout\"]}").put(path).then().statusCode(400)
                .body("error", equalTo("not an origin (scheme://host[:port], or scheme://*.domain): https://shop.example/checkout"));
        api().body("{\"origins\":[]}").put(path).then().statusCode(200).body("allowedOrigins", hasSize(0));
    }

    @Test
    void theLiveEventsViewShowsASourcesLatestEventsNewestFirstAndWhyAnyWasLeftOut() {
        String workspace = workspace();
        String source = api().body("{\"name\":\"live\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        for (int i = 1; i <= 3; i++) {
            TestingCatalog.execute("insert into recent_event (id, tenant_id, source_id, received_at, message_id, type, event, body)"
                            + " values (?, ?, ?, now() - make_interval(secs => ?), ?, 'track', ?, ?)", UUID.randomUUID(), UUID.fromString(workspace),
                    UUID.fromString(source), 10 - i, "m" + i, "Event " + i, "{\"event\":\"Event " + i + "\"}");
        }

        TestingCatalog.execute("insert into recent_event (id, tenant_id, source_id, received_at, message_id, type, body, rejected_reason)"
                        + " values (?, ?, ?, now() - make_interval(secs => 8.5), 'left-out', 'track', '{}', ?)", UUID.randomUUID(),
                UUID.fromString(workspace), UUID.fromString(source), "event: is required and must be a non-empty string");

        api().get("/api/workspaces/" + workspace + "/sources/" + source + "/events").then().statusCode(200)
                .body("messageId", org.hamcrest.Matchers.contains("m3", "m2", "left-out", "m1"))
                .body("[0].event", equalTo("Event 3")).body("[0].type", equalTo("track")).body("[0].rejected", org.hamcrest.Matchers.nullValue())
                .body("[2].rejected", equalTo("event: is required and must be a non-empty string"));
        api().get("/api/workspaces/" + workspace + "/sources/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }
}
