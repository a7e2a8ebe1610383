package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Segment's browser and mobile libraries, unchanged: the short paths they post to, the bodies they
 * send (read from their source), the settings they load first, and a batch that is partly bad.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ClientLibrariesTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    WriteKeyCache cache;

    @TestHTTPResource("/")
    URL api;

    private TestSources sources;

    @BeforeEach
    void aSource() {
        sources = TestSources.create(cache);
    }

    /** As analytics.js sends one call: text/plain JSON with the key inside, Basic auth too, and on a retry X-Retry-Count. */
    @ParameterizedTest(name = "/v1/{0}")
    @CsvSource(delimiter = '|', value = {
            "t|track|{\"type\":\"track\",\"event\":\"Clicked\",\"properties\":{\"a\":1}}",
            "i|identify|{\"type\":\"identify\",\"traits\":{\"email\":\"x@example.com\"}}",
            "p|page|{\"type\":\"page\",\"name\":\"Home\",\"properties\":{\"path\":\"/\"}}",
            "s|screen|{\"type\":\"screen\",\"name\":\"Main\"}",
            "g|group|{\"type\":\"group\",\"groupId\":\"g1\"}",
            "a|alias|{\"type\":\"alias\",\"previousId\":\"anon-1\"}"})
    void eachShortPathIsItsCall(String path, String type, String call) {
        String body = call.substring(0, call.length() - 1) + ",\"userId\":\"u1\",\"messageId\":\"ajs-next-" + path
                + "\",\"writeKey\":\"" + sources.writeKey() + "\",\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"}}}";

        given().header("Authorization", basic(sources.writeKey())).header("X-Retry-Count", "1").contentType("text/plain").body(body)
                .post("/v1/" + path + "/").then().statusCode(200).body("success", equalTo(true));

        JsonNode queued = sources.queued(1).get(0);
        assertThat(queued.get("type").asText()).isEqualTo(type);
        assertThat(queued.get("messageId").asText()).isEqualTo("ajs-next-" + path);
        assertThat(queued.has("writeKey")).isFalse();
        assertThat(queued.path("context").path("library").path("name").asText()).isEqualTo("analytics.js");
    }

    @Test
    void aShortPathHasTheSameAuthAndAnswers() {
        given().header("Authorization", basic("bpk_not-a-key")).contentType("text/plain").body("{\"userId\":\"u\",\"event\":\"E\"}")
                .post("/v1/t").then().statusCode(401).body("error", equalTo("unknown or revoked write key"));
        given().header("Authorization", basic(sources.writeKey())).contentType("text/plain").body("{\"userId\":\"u\"}")
                .post("/v1/t").then().statusCode(400).body("problems[0].field", equalTo("event"));
    }

    /** The browser's preflight before a call with Basic auth and X-Retry-Count. */
    @Test
    void theBrowsersPreflightForAShortPathIsAnswered() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-retry-count")
                .options("/v1/t").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example")
                .header("Access-Control-Allow-Headers", containsString("x-retry-count"));
    }

    /**
     * Each mobile library's upload to {@code /v1/b}, as its source writes it: analytics-kotlin gzips
     * and streams it (chunked, text/plain), analytics-swift writes it line by line with escaped
     * slashes, analytics-react-native as compact JSON; all with the write key in the body only.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kotlin, analytics-kotlin, text/plain, true",
            "swift, analytics-swift, application/json; charset=utf-8, false",
            "react-native, @segment/analytics-react-native, application/json; charset=utf-8, false"})
    void aMobileLibrarysBatchIsQueuedWhole(String library, String libraryName, String contentType, boolean gzipped) throws Exception {
        byte[] body = resource("/mobile-libraries/" + library + ".json").replace("TEST_WRITE_KEY", sources.writeKey())
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(api.toURI().resolve("/v1/b")).header("Content-Type", contentType);
        if (gzipped) {
            byte[] compressed = gzip(body);
            // a stream of unknown length: sent chunked, as HttpURLConnection's setChunkedStreamingMode does
            request.header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(compressed)));
        } else {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }

        // Java's client asks to upgrade to cleartext HTTP/2 first: the body must be inflated all the same
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> queued = sources.queued(5);
        assertThat(queued).extracting(event -> event.get("type").asText())
                .containsExactlyInAnyOrder("identify", "track", "screen", "group", "alias");
        assertThat(queued).allSatisfy(event -> assertThat(event.path("context").path("library").path("name").asText()).isEqualTo(libraryName));
        JsonNode track = queued.stream().filter(event -> event.get("type").asText().equals("track")).findFirst().orElseThrow();
        assertThat(track.get("event").asText()).isEqualTo("Order Completed");
        assertThat(track.path("properties").get("revenue").asDouble()).isEqualTo(19.99);
        assertThat(track.get("originalTimestamp").asText()).isEqualTo("2024-05-01T12:34:57.012Z");
    }

    /** What analytics.js reads from {@code <cdnURL>/v1/projects/<writeKey>/settings}: our tracking API, and nothing else to load or send. */
    @Test
    void theBrowsersSettingsPointItAtThisApi() {
        given().get("/v1/projects/" + sources.writeKey() + "/settings").then().statusCode(200)
                .header("Cache-Control", "private, max-age=300")
                .body("integrations.'Segment.io'.apiKey", equalTo(sources.writeKey()))
                .body("integrations.'Segment.io'.apiHost", equalTo(api.getHost() + ":" + api.getPort() + "/v1"))
                .body("integrations.'Segment.io'.protocol", equalTo("http"))
                .body("integrations.size()", equalTo(1))
                .body("metrics.sampleRate", equalTo(0))
                .body("remotePlugins", hasSize(0));
        given().get("/v1/projects/bpk_not-a-key/settings").then().statusCode(404).header("Cache-Control", "no-cache");
    }

    /** What RudderStack's browser SDK reads from {@code <configUrl>/sourceConfig/}, the key in Basic auth and the query. */
    @Test
    void rudderstacksSourceConfigurationHasTheSourceAndNoDestinations() {
        given().header("Authorization", basic(sources.writeKey()))
                .get("/sourceConfig/?p=npm&v=3.34.1&build=modern&writeKey=" + sources.writeKey() + "&lockIntegrationsVersion=true")
                .then().statusCode(200)
                .body("source.id", equalTo(sources.source().sourceId().toString()))
                .body("source.enabled", equalTo(true))
                .body("source.destinations", hasSize(0));
        given().get("/sourceConfig?writeKey=" + sources.writeKey()).then().statusCode(200);
        given().get("/sourceConfig/?writeKey=bpk_not-a-key").then().statusCode(404);
    }

    /** RudderStack's {@code useBeacon}: a text/plain batch with the key in the query only. */
    @Test
    void aBeaconBatchWithTheKeyInTheQueryIsQueued() {
        given().contentType("text/plain").body("{\"batch\":[{\"type\":\"track\",\"anonymousId\":\"a1\",\"event\":\"Left Page\","
                        + "\"context\":{\"library\":{\"name\":\"RudderLabs JavaScript SDK\"}}}],\"sentAt\":\"2024-05-01T10:00:00.000Z\"}")
                .post("/beacon/v1/batch?writeKey=" + sources.writeKey()).then().statusCode(200);

        assertThat(sources.queued(1).get(0).get("event").asText()).isEqualTo("Left Page");
    }

    /** Segment's API answers 200 to a partly bad batch, since every library drops a batch answered 4xx. */
    @Test
    void aBatchOfFourWithTwoBadMessagesQueuesTheTwoGoodOnesAndSaysWhyTheOthersWereLeftOut() {
        given().header("Authorization", basic(sources.writeKey())).contentType(ContentType.JSON).body("""
                        {"batch":[
                          {"type":"track","userId":"u1","messageId":"good-1","event":"Signed Up"},
                          {"type":"track","userId":"u1","messageId":"bad-1"},
                          {"type":"identify","userId":"u1","messageId":"good-2","traits":{"plan":"pro"}},
                          {"type":"page","userId":"u1","messageId":"bad-2","timestamp":"last tuesday"}
                        ]}""")
                .post("/v1/batch").then().statusCode(200)
                .body("success", equalTo(true))
                .body("error", nullValue())
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].field", equalTo("event"))
                .body("rejected[0].reason", equalTo("is required and must be a non-empty string"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].field", equalTo("timestamp"))
                .body("rejected[1].reason", equalTo("must be an ISO-8601 date-time string"));

        assertThat(sources.queued(2)).extracting(event -> event.get("messageId").asText()).containsExactly("good-1", "good-2");
        List<JsonNode> notices = sources.rejectNotices(2);
        assertThat(notices).extracting(notice -> notice.get("messageId").asText()).containsExactly("bad-1", "bad-2");
        assertThat(notices.get(1).get("reason").asText()).isEqualTo("timestamp: must be an ISO-8601 date-time string");
        assertThat(notices.get(1).get("message").asText()).contains("last tuesday");
        String source = sources.source().sourceId().toString();
        given().get(metrics).then().statusCode(200)
                .body(containsString("bigpicture_ingest_messages_rejected_total{field=\"event\",reason=\"is required and must be a non-empty string\","
                        + "source=\"" + source + "\"} 1.0"))
                .body(containsString("bigpicture_ingest_messages_rejected_total{field=\"timestamp\",reason=\"must be an ISO-8601 date-time string\","
                        + "source=\"" + source + "\"} 1.0"))
                .body(containsString("bigpicture_ingest_events_accepted_total{source=\"" + source + "\"} 2.0"));
    }

    @Test
    void aBatchWithoutOneGoodMessageIs400AndItsMessagesStillShowAsRejected() {
        given().contentType("text/plain").body("{\"writeKey\":\"" + sources.writeKey() + "\",\"batch\":[42,{\"type\":\"track\",\"userId\":\"u\"}]}")
                .post("/v1/b").then().statusCode(400)
                .body("success", equalTo(false))
                .body("problems.index", org.hamcrest.Matchers.contains(0, 1));

        assertThat(sources.rejectNotices(2)).extracting(notice -> notice.get("reason").asText())
                .containsExactly("must be a JSON object", "event: is required and must be a non-empty string");
    }

    @Test
    void anEventOverTheSizeLimitInABatchIsLeftOutAndTheRestQueued() {
        String big = "x".repeat(40 * 1024);
        given().header("Authorization", basic(sources.writeKey())).contentType(ContentType.JSON)
                .body("{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Big\",\"properties\":{\"blob\":\"" + big + "\"}},"
                        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Small\"}]}")
                .post("/v1/batch").then().statusCode(200)
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].reason", equalTo("an event may be at most 32768 bytes"));

        assertThat(sources.queued(1)).extracting(event -> event.get("event").asText()).containsExactly("Small");
    }

    private static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClientLibrariesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(body);
        }
        return compressed.toByteArray();
    }
}
