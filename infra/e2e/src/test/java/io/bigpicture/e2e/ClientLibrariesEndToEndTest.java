package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A site owner switching from Segment: the libraries their website and apps already send with, from
 * npm, unchanged but for where they send, in real headless Chromium against the running stack;
 * every call lands as a row. And what the tracking API leaves out of a batch is said, counted and
 * shown among the source's live events, while the rest of the batch loads.
 */
@ExtendWith(RunningBigpicture.class)
class ClientLibrariesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAREHOUSE_JDBC_URL = "jdbc:postgresql://localhost:" + (5433 + Bigpicture.PORT_OFFSET) + "/warehouse";
    /** The calls each page makes, and the table each lands in. */
    private static final Map<String, Integer> ROWS_PER_TABLE = Map.of("identifies", 1, "tracks", 3, "pages", 1, "groups", 1, "aliases", 1);

    private static String person;
    private static String workspace;
    private static String workspaceName;
    private static String warehouse;
    private static SitePages site;

    @BeforeAll
    static void aWorkspaceLoadingIntoTheLocalWarehouseAndAWebsite() throws Exception {
        BrowserLibraries.install();
        site = new SitePages();
        person = StackApis.signedUpPerson();
        workspaceName = "switching-" + UUID.randomUUID();
        workspace = StackApis.idOf(StackApis.call(RunningBigpicture.ADMIN_URL + "/api/workspaces", person,
                "{\"name\":\"" + workspaceName + "\"}", new ArrayList<>()));
        warehouse = StackApis.idOf(StackApis.call(api("/warehouses"), person, "{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":"
                + (5433 + Bigpicture.PORT_OFFSET) + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"loader-local\",\"tls\":\"disable\"}",
                new ArrayList<>()));
    }

    @AfterAll
    static void closeTheSite() {
        site.close();
    }

    /**
     * Segment's analytics-next with its standard and its batching delivery, given its settings on
     * the page or loading them from our settings endpoint through {@code cdnURL}, and RudderStack's
     * browser SDK reading its configuration from our {@code configUrl}: identify, three tracks,
     * page, group and alias each, every one a row with the browser's user agent, the page's path and
     * the library's name.
     */
    @Test
    void segmentsAndRudderstacksBrowserLibrariesLoadEveryCallAsARow() throws Exception {
        Source source = source("website");
        String ingest = RunningBigpicture.INGEST_URL;
        String apiHost = URI.create(ingest).getAuthority() + "/v1";
        String inlineSettings = "{integrations: {'Segment.io': {apiKey: '" + source.writeKey() + "', apiHost: '" + apiHost + "', protocol: 'http'%s}},"
                + " metrics: {sampleRate: 0}}";
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("standard", analyticsNext("{writeKey: '" + source.writeKey() + "', cdnSettings: " + inlineSettings.formatted("") + "}", "{}"));
        pages.put("batching", analyticsNext("{writeKey: '" + source.writeKey() + "', cdnSettings: "
                + inlineSettings.formatted(", deliveryStrategy: {strategy: 'batching', config: {size: 10, timeout: 300}}") + "}", "{}"));
        pages.put("settings-endpoint", analyticsNext("{writeKey: '" + source.writeKey() + "', cdnURL: '" + ingest + "'}", "{}"));
        pages.put("rudderstack", rudderstack(source.writeKey(), ingest));

        try (Browser browser = new Browser()) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.driver.get(site.add("/shop/checkout?scenario=" + page.getKey(), page.getValue()));
                // the page says when every call is on its way; a batch goes when its timeout has passed
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> "sent".equals(browser.driver.getTitle()));
                browser.screenshot("site-" + page.getKey());
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> accepted(source) >= 7L * pages.size());
        }
        sync(source);

        try (Connection warehouseDb = DriverManager.getConnection(WAREHOUSE_JDBC_URL, "loader", "loader-local")) {
            for (String scenario : pages.keySet()) {
                String library = scenario.equals("rudderstack") ? "RudderLabs JavaScript SDK" : "analytics.js";
                for (Map.Entry<String, Integer> table : ROWS_PER_TABLE.entrySet()) {
                    List<List<String>> rows = contextColumns(warehouseDb, source.schema(), table.getKey(), "?scenario=" + scenario);
                    assertThat(rows).as(scenario + " in " + table.getKey()).hasSize(table.getValue());
                    assertThat(rows).as(scenario + " in " + table.getKey()).allSatisfy(row -> {
                        assertThat(row.get(0)).as("context_user_agent").contains("Chrome");
                        assertThat(row.get(1)).as("context_page_path").isEqualTo("/shop/checkout");
                        assertThat(row.get(2)).as("context_library_name").isEqualTo(library);
                    });
                }
            }
        }
    }

    /** Two good and two bad messages, as a phone's batch: the good ones load, and the bad ones are said, counted and shown. */
    @Test
    void aBatchWithTwoBadMessagesLoadsTheOtherTwoAndShowsWhyTheyWereLeftOut() throws Exception {
        Source source = source("phone");
        HttpResponse<String> answer = StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_URL + "/v1/b"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("""
                        {"batch":[
                          {"type":"track","userId":"u1","messageId":"phone-good-1","event":"Order Completed","properties":{"total":12}},
                          {"type":"track","userId":"u1","messageId":"phone-bad-1"},
                          {"type":"screen","userId":"u1","messageId":"phone-good-2","name":"Cart"},
                          {"type":"identify","userId":"u1","messageId":"phone-bad-2","timestamp":"the day before yesterday"}
                        ],"writeKey":"%s","sentAt":"2024-05-01T12:35:01.234Z"}""".formatted(source.writeKey()))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("rejected")).hasSize(2);
        assertThat(body.get("rejected").get(0).toString()).isEqualTo("{\"index\":1,\"field\":\"event\",\"reason\":\"is required and must be a non-empty string\"}");
        assertThat(body.get("rejected").get(1).toString()).isEqualTo("{\"index\":3,\"field\":\"timestamp\",\"reason\":\"must be an ISO-8601 date-time string\"}");

        String metrics = StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_MANAGEMENT_URL + "/q/metrics"))).body();
        assertThat(metrics).contains("bigpicture_ingest_messages_rejected_total{field=\"event\",reason=\"is required and must be a non-empty string\",source=\""
                + source.id() + "\"} 1.0");

        // the live events: the API, and the console page a person opens
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                JSON.readTree(StackApis.call(api("/sources/" + source.id() + "/events"), person, null, new ArrayList<>())).size() == 4);
        JsonNode events = JSON.readTree(StackApis.call(api("/sources/" + source.id() + "/events"), person, null, new ArrayList<>()));
        Map<String, String> rejected = new LinkedHashMap<>();
        events.forEach(event -> rejected.put(event.get("messageId").asText(), event.path("rejected").asText(null)));
        assertThat(rejected).containsEntry("phone-good-1", null).containsEntry("phone-good-2", null)
                .containsEntry("phone-bad-1", "event: is required and must be a non-empty string")
                .containsEntry("phone-bad-2", "timestamp: must be an ISO-8601 date-time string");
        String page = StackApis.call(RunningBigpicture.ADMIN_URL + "/console/workspaces/" + workspace + "/sources/" + source.id() + "/events",
                person, null, new ArrayList<>());
        assertThat(page).contains("<strong>rejected</strong>: event: is required and must be a non-empty string", "phone-bad-2");

        sync(source);
        try (Connection warehouseDb = DriverManager.getConnection(WAREHOUSE_JDBC_URL, "loader", "loader-local");
             ResultSet ids = warehouseDb.createStatement().executeQuery("select id from \"" + source.schema() + "\".tracks"
                     + " union all select id from \"" + source.schema() + "\".screens order by 1")) {
            List<String> loaded = new ArrayList<>();
            while (ids.next()) {
                loaded.add(ids.getString(1));
            }
            assertThat(loaded).containsExactly("phone-good-1", "phone-good-2");
        }
    }

    private record Source(String id, String schema, String writeKey, String name) {
    }

    /** A new source of the workspace loading into its warehouse; its key known to the tracking API. */
    private static Source source(String prefix) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = JSON.readTree(StackApis.call(api("/sources"), person, "{\"name\":\"" + name + "\"}", new ArrayList<>()));
        Source source = new Source(created.get("id").asText(), created.get("schemaName").asText(), created.get("writeKey").asText(), name);
        HttpResponse<String> loads = StackApis.send(HttpRequest.newBuilder(URI.create(api("/sources/" + source.id() + "/destinations/" + warehouse)))
                .header("Authorization", "Bearer " + person).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(loads.statusCode()).as(loads.body()).isBetween(200, 299);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> StackApis.send(HttpRequest.newBuilder(
                URI.create(RunningBigpicture.INGEST_URL + "/v1/projects/" + source.writeKey() + "/settings"))).statusCode() == 200);
        return source;
    }

    /** What the tracking API queued for the source so far, from its metrics. */
    private static long accepted(Source source) throws Exception {
        String prefix = "bigpicture_ingest_events_accepted_total{source=\"" + source.id() + "\"} ";
        return StackApis.send(HttpRequest.newBuilder(URI.create(RunningBigpicture.INGEST_MANAGEMENT_URL + "/q/metrics"))).body().lines()
                .filter(line -> line.startsWith(prefix)).mapToLong(line -> (long) Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElse(0);
    }

    /** As a person does from a shell: {@code ./bigpicture sync SOURCE --workspace NAME --wait}. */
    private static void sync(Source source) throws Exception {
        Bigpicture.Result sync = RunningBigpicture.BIGPICTURE.run("sync", source.name(), "--workspace", workspaceName, "--wait");
        assertThat(sync.exitCode()).as(sync.output()).isZero();
    }

    private static String api(String path) {
        return RunningBigpicture.ADMIN_URL + "/api/workspaces/" + workspace + path;
    }

    /** A page that loads analytics-next's UMD bundle and makes the calls; its title says "sent" once they went. */
    private static String analyticsNext(String settings, String options) {
        return page("<script src=\"/lib/" + BrowserLibraries.ANALYTICS_NEXT + "\"></script>", """
                const analytics = AnalyticsNext.AnalyticsBrowser.load(%s, %s);
                Promise.all([
                  analytics.identify('next-user', {plan: 'pro'}),
                  analytics.track('Cart Viewed', {items: 2}),
                  analytics.track('Checkout Started', {total: 19.5}),
                  analytics.track('Order Completed', {total: 19.5, currency: 'EUR'}),
                  analytics.page('Shop', 'Checkout'),
                  analytics.group('acme', {employees: 12}),
                  analytics.alias('next-user-2', 'next-user')
                ]).then(() => setTimeout(() => { document.title = 'sent'; }, 1000));""".formatted(settings, options));
    }

    /** A page that loads RudderStack's bundled UMD build with our data plane and config URLs, and makes the calls. */
    private static String rudderstack(String writeKey, String ingest) {
        return page("<script src=\"/lib/" + BrowserLibraries.RUDDERSTACK + "\"></script>", """
                const rudder = new rudderanalytics.RudderAnalytics();
                rudder.load('%s', '%s', {configUrl: '%s', polyfillIfRequired: false});
                rudder.identify('rudder-user', {plan: 'pro'});
                rudder.track('Cart Viewed', {items: 2});
                rudder.track('Checkout Started', {total: 19.5});
                rudder.track('Order Completed', {total: 19.5, currency: 'EUR'});
                rudder.page('Shop', 'Checkout');
                rudder.group('acme', {employees: 12});
                rudder.alias('rudder-user-2', 'rudder-user');
                rudder.ready(() => setTimeout(() => { document.title = 'sent'; }, 2000));""".formatted(writeKey, ingest, ingest));
    }

    private static String page(String library, String script) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Checkout</title></head><body><h1>Checkout</h1>"
                + library + "<script>" + script + "</script></body></html>";
    }

    /** user agent, page path and library name of each row of the table that the page with that query sent. */
    private static List<List<String>> contextColumns(Connection connection, String schema, String table, String search) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select context_user_agent, context_page_path, context_library_name"
                + " from \"" + schema + "\".\"" + table + "\" where context_page_search = ?")) {
            statement.setString(1, search);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(List.of(result.getString(1), result.getString(2), result.getString(3)));
                }
            }
        }
        return rows;
    }
}
