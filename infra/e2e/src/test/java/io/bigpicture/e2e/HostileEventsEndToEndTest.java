package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Legal JSON that warehouses refuse as it is, sent by anyone who reads a write key out of a web
 * page: every message still has its row, the sync succeeds at once (no retries), what was changed
 * or left out is in {@code discards}, and the same tables keep loading afterwards.
 */
@ExtendWith(RunningBigpicture.class)
class HostileEventsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAREHOUSE_JDBC_URL = "jdbc:postgresql://localhost:" + (5433 + Bigpicture.PORT_OFFSET) + "/warehouse";

    @Test
    void everyMessageHasItsRowTheSyncSucceedsAndTheTablesKeepLoading() throws Exception {
        Source source = source("hostile", "loader-local");
        String schema = source.schema();

        String longName = "L".repeat(200);
        List<String> messages = List.of(
                track("h01", "Hostile", "{\"x\":\"a\\u0000b\"}"),
                identify("h02", "u\\u0000ser", "{\"plan\":\"pro\"}"),
                track("h03", "Hostile", "{\"y\":\"c\\ud800d\",\"z\":\"\\udc00\"}"),
                track("h04", "Hostile", "{\"big\":123456789012345678901234567890}"),
                track("h05", "Hostile", "{\"d1\":1e308,\"d2\":5e-324,\"d3\":-0.0}"),
                track("h06", "Hostile", "{\"at1\":\"0001-01-01T00:00:00Z\",\"at2\":\"9999-12-31T23:59:59Z\"}"),
                track("h07", "Hostile", "{\"deep\":" + "{\"n\":".repeat(40) + "1" + "}".repeat(40) + "}"),
                track("h08", "Hostile", "{\"\":1,\" \":2,\"a.b\":3,\"A\":4,\"a\":5}"),
                track("h09", longName, "{\"" + "k".repeat(200) + "\":1}"),
                track("h10", "Hostile", "{\"numbers\":[" + IntStream.range(0, 3000).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}"),
                track("h11", "Hostile", "{\"text\":\"" + "é".repeat(9000) + "\"}"),
                track("h12", "Wide", IntStream.range(0, 1400).mapToObj(i -> "\"p" + i + "\":" + i + ".5").collect(Collectors.joining(",", "{", "}"))));
        HttpResponse<String> sent = StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_URL + "/v1/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + source.writeKey() + "\",\"batch\":[" + String.join(",", messages) + "]}")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JSON.readTree(sent.body()).has("rejected")).as(sent.body()).isFalse();

        sync(source.name(), source.workspace());

        try (Connection warehouseDb = DriverManager.getConnection(WAREHOUSE_JDBC_URL, "loader", "loader-local")) {
            assertThat(ids(warehouseDb, "select id from \"" + schema + "\".tracks union all select id from \"" + schema + "\".identifies"))
                    .containsExactlyInAnyOrder("h01", "h02", "h03", "h04", "h05", "h06", "h07", "h08", "h09", "h10", "h11", "h12");
            assertThat(ids(warehouseDb, "select id from \"" + schema + "\".users")).containsExactly("user");
            assertThat(ids(warehouseDb, "select coalesce(x, 'null') || '|' || coalesce(y, 'null') from \"" + schema + "\".hostile where id in ('h01', 'h03')"))
                    .containsExactlyInAnyOrder("ab|null", "null|c\uFFFDd");
            assertThat(ids(warehouseDb, "select distinct reason from \"" + schema + "\".discards"))
                    .contains("NUL characters (U+0000) removed", "unpaired surrogates replaced with U+FFFD", "name clash", "row size",
                            "a number too close to zero for a double precision column");
        }

        List<String> later = List.of(track("h13", "Hostile", "{\"x\":\"later\",\"big\":7}"), track("h14", "Wide", "{\"p1\":2.5}"));
        HttpResponse<String> again = StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_URL + "/v1/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + source.writeKey() + "\",\"batch\":[" + String.join(",", later) + "]}")));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        sync(source.name(), source.workspace());
        try (Connection warehouseDb = DriverManager.getConnection(WAREHOUSE_JDBC_URL, "loader", "loader-local")) {
            assertThat(ids(warehouseDb, "select id from \"" + schema + "\".hostile where x = 'later'")).containsExactly("h13");
            assertThat(ids(warehouseDb, "select id from \"" + schema + "\".wide where p1 = 2.5")).containsExactly("h14");
        }
    }

    /**
     * A sync a person must fix (the warehouse refuses the password) is reported as soon as its run
     * ends, with the reason, and {@code sync --wait} exits 1 rather than wait through retries.
     */
    @Test
    void aFailedSyncIsReportedAsItsRunEndsWithExitCodeOne() throws Exception {
        Source source = source("refused", "not-the-password");
        HttpResponse<String> sent = StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_URL + "/v1/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + source.writeKey() + "\",\"batch\":[" + track("r1", "Refused", "{}") + "]}")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        Bigpicture.Result sync = RunningBigpicture.BIGPICTURE.run("sync", source.name(), "--workspace", source.workspace(), "--wait");

        assertThat(sync.exitCode()).as(sync.output()).isEqualTo(1);
        assertThat(sync.output()).contains("failed: ", "refused user loader");
    }

    /** A source of a new workspace, whose writeKey the tracking API knows, loading into the local warehouse as user loader. */
    private record Source(String name, String workspace, String schema, String writeKey) {
    }

    private static Source source(String prefix, String warehousePassword) throws Exception {
        String person = StackApis.signedUpPerson();
        String workspaceName = prefix + "-" + UUID.randomUUID();
        String workspace = StackApis.idOf(StackApis.call(RunningBigpicture.ADMIN_URL + "/api/workspaces", person,
                "{\"name\":\"" + workspaceName + "\"}", new ArrayList<>()));
        String api = RunningBigpicture.ADMIN_URL + "/api/workspaces/" + workspace;
        String warehouse = StackApis.idOf(StackApis.call(api + "/warehouses", person, "{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"localhost\","
                + "\"port\":" + (5433 + Bigpicture.PORT_OFFSET) + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\""
                + warehousePassword + "\",\"tls\":\"disable\"}", new ArrayList<>()));
        String sourceName = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode source = JSON.readTree(StackApis.call(api + "/sources", person, "{\"name\":\"" + sourceName + "\"}", new ArrayList<>()));
        HttpResponse<String> loads = StackApis.send(HttpRequest.newBuilder(URI.create(api + "/sources/" + source.get("id").asText()
                + "/destinations/" + warehouse)).header("Authorization", "Bearer " + person).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(loads.statusCode()).as(loads.body()).isBetween(200, 299);
        String writeKey = source.get("writeKey").asText();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> StackApis.send(HttpRequest.newBuilder(
                URI.create(RunningBigpicture.INGEST_URL + "/v1/projects/" + writeKey + "/settings"))).statusCode() == 200);
        return new Source(sourceName, workspaceName, source.get("schemaName").asText(), writeKey);
    }

    /** Every message is on the queue when the tracking API answers: one sync takes them all. */
    private static void sync(String source, String workspace) throws Exception {
        Bigpicture.Result sync = RunningBigpicture.BIGPICTURE.run("sync", source, "--workspace", workspace, "--wait");
        assertThat(sync.exitCode()).as(sync.output()).isZero();
        assertThat(sync.output()).contains("succeeded");
    }

    private static String track(String id, String event, String properties) {
        return "{\"type\":\"track\",\"messageId\":\"" + id + "\",\"userId\":\"u1\",\"event\":\"" + event + "\",\"properties\":" + properties + "}";
    }

    private static String identify(String id, String userId, String traits) {
        return "{\"type\":\"identify\",\"messageId\":\"" + id + "\",\"userId\":\"" + userId + "\",\"traits\":" + traits + "}";
    }

    private static List<String> ids(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
