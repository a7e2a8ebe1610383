package io.bigpicture.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The console as a browser sees it: sign-in through the identity provider's page (Quarkus' mock
 * OIDC server stands in for Keycloak; the browser test against the real one comes with the
 * console's browser suite), then the first-use path.
 */
@QuarkusTest
class ConsoleTest {

    @TestHTTPResource("/console")
    URL console;

    @Test
    void aPersonSignsInNamesTheirWorkspaceAndGetsAWriteKeyOnce() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.setCssErrorHandler(new SilentCssErrorHandler());
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setRedirectEnabled(true);

            HtmlPage signIn = browser.getPage(console);
            assertThat(signIn.getUrl().getPath()).as("the identity provider's sign-in page").startsWith("/auth/realms/quarkus");
            HtmlForm credentials = signIn.getForms().get(0);
            credentials.getInputByName("username").type("alice");
            credentials.getInputByName("password").type("alice");
            HtmlPage home = credentials.getInputByValue("login").click();

            String name = "console-" + UUID.randomUUID();
            HtmlForm newWorkspace = form(home, "/console/workspaces");
            newWorkspace.getInputByName("name").type(name);
            HtmlPage workspace = newWorkspace.getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(workspace.getUrl().getPath()).startsWith("/console/workspaces/");
            assertThat(workspace.getTitleText()).startsWith(name);

            HtmlForm newSource = form(workspace, workspace.getUrl().getPath() + "/sources");
            newSource.getInputByName("name").type("Web Shop");
            HtmlPage created = newSource.getOneHtmlElementByAttribute("button", "type", "submit").click();
            String writeKey = created.getElementById("write-key").getTextContent();
            assertThat(writeKey).startsWith("bpk_");
            assertThat(created.getElementById("snippet-curl").getTextContent()).contains(writeKey, "/v1/track");
            assertThat(created.getElementById("snippet-browser").getTextContent())
                    .contains("AnalyticsBrowser.load({ writeKey: '" + writeKey + "', cdnURL: 'http://localhost:8081' })");
            assertThat(TestingCatalog.single("select count(*) from write_key where key_hash = ?", WriteKeys.hash(writeKey))).isEqualTo(1L);
            assertThat(created.getWebResponse().getResponseHeaderValue("Cache-Control")).as("a page with a write key is never cached")
                    .isEqualTo("no-store");
            assertThat(created.getWebResponse().getResponseHeaderValue("X-Frame-Options")).isEqualTo("DENY");
            assertThat(created.getWebResponse().getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(created.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).as("no inline script runs")
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(created.getWebResponse().getResponseHeaderValue("Strict-Transport-Security")).startsWith("max-age=");
            assertThat(created.asXml()).as("no inline handlers, which the policy would block").doesNotContain("onclick", "onsubmit", "<style");
            assertThat(browser.getPage(new URL(console, "/console/assets/console.js")).getWebResponse().getContentAsString())
                    .contains("data-copy", "dataset.confirm");

            HtmlPage again = browser.getPage(workspace.getUrl());
            assertThat(again.asNormalizedText()).contains("Web Shop", "web_shop").doesNotContain(writeKey);

            HtmlForm rotate = again.getForms().stream().filter(form -> form.getActionAttribute().endsWith("/write-keys")).findFirst().orElseThrow();
            HtmlPage rotated = rotate.getOneHtmlElementByAttribute("button", "type", "submit").click();
            String newKey = rotated.getElementById("write-key").getTextContent();
            assertThat(newKey).startsWith("bpk_").isNotEqualTo(writeKey);
            assertThat(rotated.asNormalizedText()).contains("keep working until");
            assertThat(TestingCatalog.single("select expires_at is not null from write_key where key_hash = ?", WriteKeys.hash(writeKey))).isEqualTo(true);

            HtmlPage leaked = browser.getPage(workspace.getUrl());
            HtmlForm revoke = leaked.getForms().stream().filter(form -> form.getActionAttribute().endsWith("/write-keys")
                    && form.getAttribute("data-confirm").startsWith("Revoke")).findFirst().orElseThrow();
            HtmlPage revoked = revoke.getOneHtmlElementByAttribute("button", "type", "submit").click();
            String keyAfterLeak = revoked.getElementById("write-key").getTextContent();
            assertThat(revoked.asNormalizedText()).contains("are revoked");
            for (String earlier : new String[] {writeKey, newKey}) {
                assertThat(TestingCatalog.single("select expires_at <= now() from write_key where key_hash = ?", WriteKeys.hash(earlier)))
                        .as("every earlier key stops now").isEqualTo(true);
            }
            assertThat(TestingCatalog.single("select expires_at is null from write_key where key_hash = ?", WriteKeys.hash(keyAfterLeak))).isEqualTo(true);

            String schemaPage = workspace.getUrl().getPath() + "/schema";
            for (HtmlPage page : List.of(home, workspace, created, again, rotated, revoked, (HtmlPage) browser.getPage(new URL(console, schemaPage)))) {
                assertThat(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).as(page.getUrl().getPath())
                        .contains("frame-ancestors 'none'");
                assertThat(page.getWebResponse().getResponseHeaderValue("Cache-Control")).as(page.getUrl().getPath()).isEqualTo("no-store");
            }

            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            assertThat(browser.getPage(new URL(console, "/console/logout")).getWebResponse().getStatusCode())
                    .as("a link or an image elsewhere cannot sign a person out").isEqualTo(405);
            assertThat(((HtmlPage) browser.getPage(console)).getUrl().getPath()).as("still signed in").startsWith("/console");
            HtmlPage before = browser.getPage(console);
            ((HtmlButton) before.getFirstByXPath("//button[contains(@class,'sign-out')]")).click();
            assertThat(((HtmlPage) browser.getPage(console)).getUrl().getPath()).as("signed out: the sign-in page again").startsWith("/auth/realms/quarkus");
        }
    }

    private record Loading(String workspace, String source, String warehouse) {
    }

    /** The owner's new workspace with a source "shop" loading into a PostgreSQL warehouse "dw". */
    private static Loading shopLoadingIntoDw(String owner, String prefix) {
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"" + prefix + "-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String in = "/api/workspaces/" + workspace;
        String source = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"shop\"}")
                .post(in + "/sources").then().statusCode(201).extract().path("id");
        String warehouse = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":5432,\"database\":\"dw\",\"username\":\"etl\",\"password\":\"x\"}")
                .post(in + "/warehouses").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).put(in + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        return new Loading(workspace, source, warehouse);
    }

    /** A console form post as a browser on the console's page sends it. */
    private static RequestSpecification consoleForm(String bearer) {
        return given().auth().oauth2(bearer).redirects().follow(false).header("Sec-Fetch-Site", "same-origin");
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"csrf-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String sources = "/console/workspaces/" + workspace + "/sources";

        given().auth().oauth2(owner).header("Sec-Fetch-Site", "cross-site").formParam("name", "forged").post(sources).then().statusCode(403);
        given().auth().oauth2(owner).header("Origin", "https://evil.example").formParam("name", "forged").post(sources).then().statusCode(403);
        given().auth().oauth2(owner).get("/api/workspaces/" + workspace + "/sources").then().body("", org.hamcrest.Matchers.hasSize(0));

        consoleForm(owner).formParam("name", "real").post(sources).then().statusCode(200);
    }

    private static HtmlForm form(HtmlPage page, String action) {
        return page.getForms().stream().filter(form -> form.getActionAttribute().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no form posting to " + action + " on " + page.getUrl()));
    }

    @Test
    void namesPeopleTypedAreShownAsTextNeverAsMarkup() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"<i>ws</i>-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"x'); alert(1); ('<script>\"}")
                .post("/api/workspaces/" + workspace + "/sources").then().statusCode(201);

        String page = given().auth().oauth2(owner).get("/console/workspaces/" + workspace).then().statusCode(200).extract().asString();

        assertThat(page).doesNotContain("<i>ws</i>", "<script>", "x'); alert(1)").contains("&lt;i&gt;ws&lt;/i&gt;", "&lt;script&gt;");
    }

    @Test
    void checkingAConnectionShowsTheProblemsAndTheSqlToRun() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"check-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String warehouse = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"name\":\"gone\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":1,\"database\":\"dw\",\"username\":\"etl\",\"password\":\"x\"}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");

        String page = consoleForm(owner).formParam("name", "gone")
                .post("/console/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200).extract().asString();

        assertThat(page).contains("could not connect to the warehouse at localhost:1/dw", "GRANT CREATE ON DATABASE &quot;dw&quot; TO &quot;etl&quot;;",
                "<li class=\"FAILED\"><strong>reach localhost:1</strong>: failed.", "<li class=\"SKIPPED\"><strong>log in as etl</strong>: skipped.");
    }

    @Test
    void aRedshiftWarehouseTakesItsLoadFileSettingsAndSaysWhatIsMissing() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"rs-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String form = "/console/workspaces/" + workspace + "/warehouses";

        String refused = consoleForm(owner)
                .formParam("kind", "REDSHIFT").formParam("name", "rs").formParam("host", "cluster.example.com").formParam("port", "5439")
                .formParam("database", "dev").formParam("username", "etl").formParam("password", "p").formParam("syncIntervalMinutes", "15")
                .post(form).then().statusCode(200).extract().asString();
        assertThat(refused).contains("s3Bucket is required");

        consoleForm(owner)
                .formParam("kind", "REDSHIFT").formParam("name", "rs").formParam("host", "cluster.example.com").formParam("port", "5439")
                .formParam("database", "dev").formParam("username", "etl").formParam("password", "p").formParam("tls", "verify-full")
                .formParam("syncIntervalMinutes", "15").formParam("s3Bucket", "loads").formParam("s3Region", "eu-west-1")
                .formParam("iamRole", "arn:aws:iam::123456789012:role/copy").formParam("awsAccessKeyId", "")
                .post(form).then().statusCode(303);
        given().auth().oauth2(owner).get("/api/workspaces/" + workspace + "/warehouses").then().statusCode(200)
                .body("[0].kind", org.hamcrest.Matchers.equalTo("REDSHIFT")).body("[0].s3Bucket", org.hamcrest.Matchers.equalTo("loads"))
                .body("[0].iamRole", org.hamcrest.Matchers.equalTo("arn:aws:iam::123456789012:role/copy"))
                .body("[0].syncIntervalMinutes", org.hamcrest.Matchers.equalTo(15));
    }

    @Test
    void syncHistoryShowsHowLongARunTookAndExamplesOfWhatItLeftOut() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        Loading shop = shopLoadingIntoDw(owner, "history");
        String workspace = shop.workspace();
        String in = "/api/workspaces/" + workspace;
        String source = shop.source();
        String warehouse = shop.warehouse();
        String job = given().auth().oauth2(owner).contentType("application/json").post(in + "/sources/" + source + "/syncs").then().statusCode(202).extract().path("jobs[0].id");
        UUID tenant = UUID.fromString(workspace);
        UUID run = UUID.randomUUID();
        TestingCatalog.execute("insert into sync_run (id, tenant_id, sync_job_id, status, started_at, finished_at, rows_loaded, files_left, bytes_left)"
                + " values (?, ?, ?, 'SUCCEEDED', now() - interval '125 seconds', now(), 2, 2, 3221225472)", run, tenant, UUID.fromString(job));
        TestingCatalog.execute("insert into sync_run_table (id, tenant_id, sync_run_id, table_name, rows_loaded, discards) values (?, ?, ?, 'order_completed', 2, 1)",
                UUID.randomUUID(), tenant, run);
        TestingCatalog.execute("insert into sync_run_discard_example (id, tenant_id, sync_run_id, table_name, column_name, value_text, reason)"
                + " values (?, ?, ?, 'order_completed', 'price', '<b>a lot</b>', 'not a whole number for a bigint column')", UUID.randomUUID(), tenant, run);
        TestingCatalog.execute("insert into sync_run_step (id, tenant_id, sync_run_id, position, step, outcome, millis, detail)"
                + " values (?, ?, ?, 0, 'set aside', 'SUCCEEDED', 12, 'set aside staging file staging/t/s/x.json.gz is damaged: Unexpected end-of-input;"
                + " it is kept at quarantine/t/s/x.json.gz')", UUID.randomUUID(), tenant, run);
        TestingCatalog.execute("insert into sync_run_step (id, tenant_id, sync_run_id, position, step, outcome, millis, detail)"
                + " values (?, ?, ?, 1, 'warning', 'SUCCEEDED', 0, 'this sync created 21 new tables (ordered_product_1 and 20 more)')",
                UUID.randomUUID(), tenant, run);

        given().auth().oauth2(owner).get(in + "/syncs/" + job).then().statusCode(200)
                .body("runs[0].durationMillis", org.hamcrest.Matchers.greaterThanOrEqualTo(125_000))
                .body("runs[0].discardExamples[0].value", org.hamcrest.Matchers.equalTo("<b>a lot</b>"))
                .body("runs[0].filesLeft", org.hamcrest.Matchers.equalTo(2));
        TestingCatalog.execute("update warehouse set attention = 'the warehouse refused user etl: check the password' where id = ?",
                UUID.fromString(warehouse));
        TestingCatalog.execute("update sync_job set status = 'PENDING', attempts = 1, not_before = now() + interval '1 minute' where id = ?",
                UUID.fromString(job));
        String page = given().auth().oauth2(owner).get("/console/workspaces/" + workspace).then().statusCode(200).extract().asString();
        assertThat(page).contains("left 2 staged files (3221225472 bytes) for the next part");
        assertThat(page).contains("set aside staging file staging/t/s/x.json.gz is damaged: Unexpected end-of-input; it is kept at quarantine/t/s/x.json.gz",
                "this sync created 21 new tables (ordered_product_1 and 20 more)");
        assertThat(page).contains("dw needs attention:</strong> the warehouse refused user etl: check the password", "after 1 failed runs, tries again at");
        assertThat(page).contains("2 min 5 s", "order_completed: 1", "<code>order_completed.price</code> = <code>&lt;b&gt;a lot&lt;/b&gt;</code>: not a whole number");
    }

    @Test
    void theSchemaASourceLoadsIntoIsChangedBesideTheWarehouseAndAClashIsSaid() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        Loading shop = shopLoadingIntoDw(owner, "schema");
        String destination = "/sources/" + shop.source() + "/destinations/" + shop.warehouse();
        String form = "/console/workspaces/" + shop.workspace() + destination + "/schema";

        consoleForm(owner).formParam("schema", "segment_prod").post(form).then().statusCode(303);

        given().auth().oauth2(owner).get("/api/workspaces/" + shop.workspace() + destination).then()
                .body("schema", org.hamcrest.Matchers.equalTo("segment_prod"));
        assertThat(given().auth().oauth2(owner).get("/console/workspaces/" + shop.workspace()).then().statusCode(200).extract().asString())
                .contains("<code class=\"destination-schema\">segment_prod</code>").contains("href=\"" + form + "\"");
        assertThat(given().auth().oauth2(owner).get(form).then().statusCode(200).extract().asString()).as("dw cannot be reached from here")
                .contains("id=\"schemas-error\"", "could not read the warehouse&#39;s schemas").contains("aria-label=\"schema name\"");
        String refused = consoleForm(owner).formParam("schema", "public").post(form).then().statusCode(200).extract().asString();
        assertThat(refused).contains("public is kept by the database or by bigPicture");
        consoleForm(owner).formParam("schema", "").post(form).then().statusCode(303);
        given().auth().oauth2(owner).get("/api/workspaces/" + shop.workspace() + destination).then()
                .body("schema", org.hamcrest.Matchers.equalTo("shop")).body("chosen", org.hamcrest.Matchers.equalTo(false));
    }

    /** The destination's page lists the warehouse's schemas as the loader's user sees them; one is picked with a button. */
    @Test
    void anExistingSchemaOfTheWarehouseIsPickedFromItsList() throws Exception {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"pick-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String in = "/api/workspaces/" + workspace;
        String source = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"shop\"}")
                .post(in + "/sources").then().statusCode(201).extract().path("id");
        int port = io.bigpicture.testing.LocalStackResource.stack().postgresPort();
        String warehouse = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"local\",\"kind\":\"POSTGRES\","
                        + "\"host\":\"localhost\",\"port\":" + port + ",\"database\":\"warehouse\",\"username\":\"loader\","
                        + "\"password\":\"loader-local\",\"tls\":\"disable\"}")
                .post(in + "/warehouses").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).put(in + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        String legacy = "segment_" + UUID.randomUUID().toString().substring(0, 8);
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/warehouse", "postgres", "")) {
            admin.createStatement().execute("create schema " + legacy + " authorization loader");
            admin.createStatement().execute("create table " + legacy + ".tracks (id varchar(1024))");
        }
        String form = "/console/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse + "/schema";

        String page = given().auth().oauth2(owner).get(form).then().statusCode(200).extract().asString();

        assertThat(page).contains("<code>" + legacy + "</code></td><td>1</td>", "name=\"schema\" value=\"" + legacy + "\"")
                .doesNotContain("<code>public</code>");
        consoleForm(owner).formParam("schema", legacy).post(form).then().statusCode(303);
        given().auth().oauth2(owner).get(in + "/sources/" + source + "/destinations/" + warehouse).then()
                .body("schema", org.hamcrest.Matchers.equalTo(legacy));
        assertThat(given().auth().oauth2(owner).get(form).then().statusCode(200).extract().asString())
                .contains("<td><code>" + legacy + "</code></td><td>1</td><td>shop</td>", "loads here now");
    }

    @Test
    void aWarehousesNewTextColumnsAreMadeWiderFromItsRow() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        Loading shop = shopLoadingIntoDw(owner, "width");
        String form = "/console/workspaces/" + shop.workspace() + "/warehouses/" + shop.warehouse() + "/columns";

        consoleForm(owner).formParam("varcharLength", "4096").post(form).then().statusCode(303);

        given().auth().oauth2(owner).get("/api/workspaces/" + shop.workspace() + "/warehouses").then()
                .body("[0].varcharLength", org.hamcrest.Matchers.equalTo(4096));
        assertThat(given().auth().oauth2(owner).get("/console/workspaces/" + shop.workspace()).then().statusCode(200).extract().asString())
                .contains("name=\"varcharLength\" type=\"number\" min=\"512\" max=\"65535\" value=\"4096\"");
        assertThat(consoleForm(owner).formParam("varcharLength", "70000").post(form).then().statusCode(200).extract().asString())
                .contains("must be 512 to 65535, not 70000");
    }

    @Test
    void aWarehousesScheduleIsChangedFromItsRow() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"schedule-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");
        String warehouse = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":5432,\"database\":\"dw\",\"username\":\"etl\",\"password\":\"x\"}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
        String form = "/console/workspaces/" + workspace + "/warehouses/" + warehouse + "/schedule";

        consoleForm(owner).formParam("syncIntervalMinutes", "60").formParam("syncCron", "0 2 * * *")
                .post(form).then().statusCode(303);
        assertThat(given().auth().oauth2(owner).get("/console/workspaces/" + workspace).then().statusCode(200).extract().asString())
                .contains("cron 0 2 * * * (UTC)");
        String refused = consoleForm(owner).formParam("syncIntervalMinutes", "60").formParam("syncCron", "* * * * *")
                .post(form).then().statusCode(200).extract().asString();
        assertThat(refused).contains("fires more often than every 15 minutes");
        consoleForm(owner).formParam("syncIntervalMinutes", "360").formParam("syncCron", "").formParam("quietFromHour", "9")
                .formParam("quietToHour", "17").formParam("paused", "true").post(form).then().statusCode(303);
        given().auth().oauth2(owner).get("/api/workspaces/" + workspace + "/warehouses").then()
                .body("[0].schedule", org.hamcrest.Matchers.equalTo("every 6 h, no syncs 09:00–17:00 UTC, paused"));
    }

    @Test
    void aSourcesFiltersAreSetPerWarehouseFromItsFiltersPage() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).claim("email", "olga@example.com").issuer("https://server.example.com")
                .audience("https://server.example.com").sign();
        Loading shop = shopLoadingIntoDw(owner, "filters");
        String workspace = shop.workspace();
        String in = "/api/workspaces/" + workspace;
        String source = shop.source();
        String warehouse = shop.warehouse();
        TestingCatalog.execute("insert into warehouse_column (id, tenant_id, warehouse_id, schema_name, table_name, column_name, column_type)"
                + " values (?, ?, ?, 'shop', 'tracks', 'context_ip', 'VARCHAR')", UUID.randomUUID(), UUID.fromString(workspace), UUID.fromString(warehouse));
        String page = "/console/workspaces/" + workspace + "/sources/" + source + "/filters";
        String form = "/console/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse + "/filters";

        assertThat(given().auth().oauth2(owner).get(page).then().statusCode(200).extract().asString())
                .contains("Into dw", "name=\"eventRules\"", "value=\"tracks.context_ip\"");
        String refused = consoleForm(owner).formParam("enabled", "true").formParam("mode", "BLOCK").formParam("eventRules", "click Debug *")
                .formParam("propertyRules", "").post(form).then().statusCode(200).extract().asString();
        assertThat(refused).contains("events.rules[0].types: click is not a call type");
        consoleForm(owner).formParam("enabled", "true").formParam("mode", "BLOCK").formParam("eventRules", "track Debug *\npage")
                .formParam("propertyRules", "hash context.ip").formParam("known", "tracks", "tracks.context_ip").formParam("loaded", "tracks")
                .post(form).then().statusCode(303);

        given().auth().oauth2(owner).get(in + "/sources/" + source + "/destinations/" + warehouse + "/filters").then().statusCode(200)
                .body("events.rules.name", org.hamcrest.Matchers.contains("Debug *", null))
                .body("properties[0].action", org.hamcrest.Matchers.equalTo("HASH"))
                .body("excludedColumns", org.hamcrest.Matchers.contains("tracks.context_ip"));
        assertThat(given().auth().oauth2(owner).get(page).then().statusCode(200).extract().asString())
                .contains("track Debug *\npage", "hash context.ip", "olga@example.com", "added selective sync: column tracks.context_ip");
    }

    @Test
    void anotherPersonsWorkspacePageIsNotFound() {
        String owner = Jwt.subject("owner-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String stranger = Jwt.subject("stranger-" + UUID.randomUUID()).issuer("https://server.example.com").audience("https://server.example.com").sign();
        String workspace = given().auth().oauth2(owner).contentType("application/json").body("{\"name\":\"private-" + UUID.randomUUID() + "\"}")
                .post("/api/workspaces").then().statusCode(201).extract().path("id");

        given().auth().oauth2(owner).get("/console/workspaces/" + workspace).then().statusCode(200);
        given().auth().oauth2(stranger).get("/console/workspaces/" + workspace).then().statusCode(404);
    }
}
