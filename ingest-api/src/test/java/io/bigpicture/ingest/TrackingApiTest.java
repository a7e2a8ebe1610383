package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TrackingApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WriteKeyCache cache;

    private TestSources sources;
    private TestSource source;
    private String writeKey;

    @BeforeEach
    void aSourceWithAWriteKey() {
        sources = TestSources.create(cache);
        source = sources.source();
        writeKey = sources.writeKey();
    }

    @Test
    void aTrackCallIsQueuedEnrichedWithItsTenantAndSource() throws Exception {
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"price\":9}}")
                .when().post("/v1/track")
                .then().statusCode(200).body("success", equalTo(true));

        List<JsonNode> queued = sources.queued(1);
        JsonNode event = queued.get(0);
        assertThat(event.get("type").asText()).isEqualTo("track");
        assertThat(event.get("event").asText()).isEqualTo("Order Completed");
        assertThat(event.get("messageId").asText()).isNotBlank();
        assertThat(event.get("receivedAt").asText()).isNotBlank();
        assertThat(event.get("tenantId").asText()).isEqualTo(source.tenantId().toString());
        assertThat(event.path("context").get("ip").asText()).isNotBlank();
    }

    @Test
    void aBatchWithTheWriteKeyInTheBodyIsQueuedWhole() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"writeKey\":\"" + writeKey + "\",\"batch\":["
                        + "{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"plan\":\"pro\"}},"
                        + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Signed Up\"}]}")
                .when().post("/v1/import/")
                .then().statusCode(200);

        List<JsonNode> queued = sources.queued(2);
        assertThat(queued).extracting(event -> event.get("type").asText()).containsExactly("identify", "track");
        assertThat(queued).noneMatch(event -> event.has("writeKey"));
    }

    @Test
    void anUnknownKeyGets401AndNothingIsQueued() {
        given().auth().preemptive().basic("bpk_not-a-key", "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u1\",\"event\":\"E\"}")
                .when().post("/v1/track")
                .then().statusCode(401).body("success", equalTo(false)).body("error", equalTo("unknown or revoked write key"));
    }

    @Test
    void aRotatedKeyStillInItsGracePeriodWorks() {
        String rotated = WriteKeys.generate();
        TestingCatalog.writeKey(source, WriteKeys.hash(rotated), Instant.now().plus(Duration.ofHours(24)));
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.resolve(rotated).isPresent());

        given().auth().preemptive().basic(rotated, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u1\",\"event\":\"E\"}")
                .when().post("/v1/track")
                .then().statusCode(200);
    }

    @Test
    void aKeyPastItsExpiryGets401() {
        String expired = WriteKeys.generate();
        String current = WriteKeys.generate();
        TestingCatalog.writeKey(source, WriteKeys.hash(expired), Instant.now().minusSeconds(1));
        TestingCatalog.writeKey(source, WriteKeys.hash(current), null);
        // once the key written after it is in the cache, the expired one has been read too
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.resolve(current).isPresent());

        given().auth().preemptive().basic(expired, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u1\",\"event\":\"E\"}")
                .when().post("/v1/track")
                .then().statusCode(401);
    }

    @Test
    void anEventOverTheSizeLimitGets413() {
        String big = "x".repeat(40 * 1024);
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u1\",\"event\":\"E\",\"properties\":{\"blob\":\"" + big + "\"}}")
                .when().post("/v1/track")
                .then().statusCode(413).body("success", equalTo(false));
    }
}
