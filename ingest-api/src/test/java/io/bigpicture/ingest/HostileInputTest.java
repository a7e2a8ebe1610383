package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input meant to hurt: each gets its status, and the server is still healthy after. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class HostileInputTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Inject
    WriteKeyCache cache;

    private String writeKey;

    @BeforeEach
    void aSource() {
        writeKey = TestSources.create(cache).writeKey();
    }

    @AfterEach
    void stillHealthy() {
        given().get(ready).then().statusCode(200);
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\",\"event\":\"Still Fine\"}").post("/v1/track").then().statusCode(200);
    }

    @Test
    void malformedJson() {
        post("{\"userId\":\"u\",\"event\":").then().statusCode(400).body("problems[0].reason", equalTo("must be a JSON object"));
    }

    @Test
    void anEmptyBody() {
        post("").then().statusCode(400);
    }

    @Test
    void wrongTypes() {
        post("{\"userId\":{\"a\":1},\"event\":7,\"properties\":[1],\"timestamp\":12}").then().statusCode(400)
                .body("problems.field", org.hamcrest.Matchers.hasItems("userId", "event", "properties", "timestamp"));
    }

    @Test
    void tenThousandProperties() {
        StringBuilder properties = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i);
        }
        post("{\"userId\":\"u\",\"event\":\"E\",\"properties\":" + properties + "}}").then().statusCode(413);
    }

    @Test
    void nesting1000Deep() {
        String nested = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        post("{\"userId\":\"u\",\"event\":\"E\",\"properties\":" + nested + "}").then().statusCode(400);
    }

    @Test
    void invalidUtf8() {
        byte[] prefix = "{\"userId\":\"u\",\"event\":\"E".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = java.util.Arrays.copyOf(prefix, prefix.length + 4);
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(body)
                .post("/v1/track").then().statusCode(400);
    }

    @Test
    void aGzipBombOf100MiB() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
        }
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                .body(compressed.toByteArray()).post("/v1/batch").then().statusCode(413);
    }

    @Test
    void a600KiBBatch() {
        String property = "x".repeat(1000);
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 600; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"")
                    .append(property).append("\"}}");
        }
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(batch.append("]}").toString())
                .post("/v1/batch").then().statusCode(413);
    }

    @Test
    void moreThan2500MessagesInABatch() {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 2501; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
        }
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(batch.append("]}").toString())
                .post("/v1/batch").then().statusCode(413).body("problems[0].field", equalTo("batch"));
    }

    @Test
    void theKeyOfAnotherTenantsRevokedSource() {
        TestSource other = TestingCatalog.source("other");
        String revoked = WriteKeys.generate();
        TestingCatalog.writeKey(other, WriteKeys.hash(revoked), Instant.now().minusSeconds(60));
        String fresh = WriteKeys.generate();
        TestingCatalog.writeKey(other, WriteKeys.hash(fresh), null);
        org.awaitility.Awaitility.await().until(() -> cache.resolve(fresh).isPresent());

        given().auth().preemptive().basic(revoked, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\",\"event\":\"E\"}").post("/v1/track").then().statusCode(401);
    }

    @Test
    void aMalformedAuthorizationHeader() {
        given().header("Authorization", "Basic !!!not-base64").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\",\"event\":\"E\"}").post("/v1/track").then().statusCode(401);
    }

    private io.restassured.response.Response post(String body) {
        return given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(body).post("/v1/track");
    }
}
