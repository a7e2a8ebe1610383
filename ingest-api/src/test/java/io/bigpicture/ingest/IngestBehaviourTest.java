package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** What clients rely on beyond the happy path: compression, proxies, limits, queueing, metrics. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IngestBehaviourTest {

    /** Health and metrics are served on the management port only. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    WriteKeyCache cache;

    private TestSources sources;

    @BeforeEach
    void aSource() {
        sources = TestSources.create(cache);
    }

    @Inject
    Pool catalog;

    @Test
    void theTrackingApiReadsTheCatalogAsARoleThatSeesNoWarehouseOrSecret() {
        Row session = catalog.query("select current_user, has_table_privilege('write_key', 'select'),"
                + " has_table_privilege('warehouse', 'select'), has_table_privilege('write_key', 'insert')").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next();

        assertThat(session.getString(0)).isEqualTo("bigpicture_ingest");
        assertThat(List.of(session.getBoolean(1), session.getBoolean(2), session.getBoolean(3))).containsExactly(true, false, false);
    }

    @Test
    void aGzipBodyIsAccepted() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Zipped\"}]}".getBytes(StandardCharsets.UTF_8));
        }
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                .body(compressed.toByteArray()).post("/v1/batch").then().statusCode(200);

        assertThat(sources.queued(1).get(0).get("event").asText()).isEqualTo("Zipped");
    }

    @Test
    void aBrowserBeaconSendsTextPlain() {
        given().contentType("text/plain").body("{\"writeKey\":\"" + sources.writeKey() + "\",\"anonymousId\":\"a\",\"event\":\"Beacon\"}")
                .post("/v1/track").then().statusCode(200);

        assertThat(sources.queued(1).get(0).get("anonymousId").asText()).isEqualTo("a");
    }

    @Test
    void corsPreflightIsAnswered() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/v1/track").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example");
    }

    @Test
    void aSourceThatRestrictsOriginsRefusesOtherBrowsersWith403() {
        TestingCatalog.execute("update source set allowed_origins = 'https://shop.example', updated_at = now() where id = ?",
                sources.source().sourceId());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> !cache.resolve(sources.writeKey()).orElseThrow().allowedOrigins().permits("https://other.example"));

        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).header("Origin", "https://other.example")
                .body("{\"userId\":\"u\",\"event\":\"Elsewhere\"}").post("/v1/track")
                .then().statusCode(403).body("error", equalTo("this source does not accept events from origin https://other.example"));
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).header("Origin", "https://shop.example")
                .body("{\"userId\":\"u\",\"event\":\"Shop\"}").post("/v1/track").then().statusCode(200);

        assertThat(sources.queued(1)).extracting(event -> event.get("event").asText()).containsExactly("Shop");
    }

    @Test
    void theClientIpComesFromXForwardedForWhenTheProxyIsTrusted() {
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.9").body("{\"userId\":\"u\",\"event\":\"E\"}").post("/v1/track").then().statusCode(200);

        assertThat(sources.queued(1).get(0).path("context").get("ip").asText()).isEqualTo("203.0.113.9");
    }

    @Test
    void aSourceOverItsRateLimitGets429WithRetryAfter() {
        TestingCatalog.execute("update source set rate_limit_per_second = 5, updated_at = now() where id = ?", sources.source().sourceId());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> cache.resolve(sources.writeKey()).orElseThrow().rateLimitPerSecond() == 5);
        String batch = "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(10, "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}")) + "]}";

        // ten events at five a second: this batch passes, and leaves a second's debt
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).body(batch).post("/v1/batch").then().statusCode(200);
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).body(batch).post("/v1/batch")
                .then().statusCode(429).header("Retry-After", equalTo("1")).body("success", equalTo(false));
    }

    @Test
    void concurrentRequestsOfOneSourceShareQueueMessagesGroupedByTenant() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> requests = IntStream.range(0, 64).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                            .body("{\"userId\":\"u\",\"event\":\"E" + i + "\"}").post("/v1/track").statusCode(), clients)).toList();
            assertThat(requests.stream().map(CompletableFuture::join).toList()).containsOnly(200);
        } finally {
            clients.shutdown();
        }

        List<Message> messages = sources.queuedMessages(64);
        int events = messages.stream().mapToInt(message -> io.bigpicture.events.QueuedEvents.decode(message.body()).size()).sum();
        assertThat(events).isEqualTo(64);
        assertThat(messages.size()).as("queue messages for 64 concurrent single-event requests").isLessThan(64);
        assertThat(messages).allSatisfy(message ->
                assertThat(message.attributesAsStrings().get("MessageGroupId")).isEqualTo(sources.source().tenantId().toString()));
    }

    @Test
    void acceptedEventsAndRejectedRequestsAreCountedPerSource() {
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\",\"event\":\"E\"}").post("/v1/track").then().statusCode(200);
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\"}").post("/v1/track").then().statusCode(400);
        String source = sources.source().sourceId().toString();

        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        given().get(metrics).then().statusCode(200)
                .body(containsString("bigpicture_ingest_events_accepted_total{source=\"" + source + "\"} 1.0"))
                .body(containsString("bigpicture_ingest_requests_rejected_total{reason=\"invalid\",source=\"" + source + "\"} 1.0"));
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/batch"));
    }

    @Test
    void spelledOutMessageIdsAndTimestampsArePreserved() {
        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"client-id-1\",\"timestamp\":\"2024-05-01T10:00:00.123Z\"}")
                .post("/v1/track").then().statusCode(200);

        JsonNode event = sources.queued(1).get(0);
        assertThat(event.get("messageId").asText()).isEqualTo("client-id-1");
        assertThat(event.get("originalTimestamp").asText()).isEqualTo("2024-05-01T10:00:00.123Z");
    }
}
