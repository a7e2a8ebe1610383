package io.bigpicture.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end, through the same commands the README gives a person:
 * {@code ./bigpicture up}, {@code demo --env}, events over HTTP, {@code sync demo --wait}, and the
 * rows in the warehouse; and people signed up at the local Keycloak using the tenant API.
 */
@ExtendWith(RunningBigpicture.class)
class WalkingSkeletonTest {

    private static final Path BIGPICTURE_HOME = RunningBigpicture.HOME;
    private static final Bigpicture BIGPICTURE = RunningBigpicture.BIGPICTURE;

    @Test
    void eventsSentOverHttpBecomeTypedRowsOncePerMessageId() throws Exception {
        Map<String, String> demo = demoEnvironment();
        String ingest = demo.get("BIGPICTURE_INGEST_URL");
        String key = demo.get("BIGPICTURE_WRITE_KEY");

        String order = "{\"userId\":\"u1\",\"messageId\":\"e2e-order-1\",\"event\":\"Order Completed\",\"properties\":{\"price\":9}}";
        assertThat(StackApis.post(ingest + "/v1/track", key, order)).isEqualTo(200);
        assertThat(StackApis.post(ingest + "/v1/track", key, order)).as("a retried send").isEqualTo(200);
        assertThat(StackApis.post(ingest + "/v1/batch", key, """
                {"batch":[
                  {"type":"track","userId":"u2","messageId":"e2e-view-1","event":"Product Viewed","properties":{"price":9.5,"sku":"A-1"}},
                  {"type":"track","userId":"u2","messageId":"e2e-order-2","event":"Order Completed","properties":{"price":12}}
                ]}""")).isEqualTo(200);
        assertThat(StackApis.post(ingest + "/v1/track", "bpk_unknown", order)).isEqualTo(401);

        Bigpicture.Result sync = BIGPICTURE.run("sync", "demo", "--wait");
        assertThat(sync.exitCode()).as(sync.output()).isZero();
        assertThat(sync.output()).contains("order_completed: 2 rows", "product_viewed: 1 row", "tracks: 3 rows");

        try (Connection warehouse = DriverManager.getConnection(demo.get("BIGPICTURE_WAREHOUSE_JDBC_URL"))) {
            String schema = demo.get("BIGPICTURE_WAREHOUSE_SCHEMA");
            assertThat(schema).isEqualTo("demo");
            assertThat(columnType(warehouse, schema, "order_completed", "price")).isEqualTo("bigint");
            assertThat(columnType(warehouse, schema, "product_viewed", "price")).isEqualTo("double precision");
            assertThat(columnType(warehouse, schema, "product_viewed", "sku")).isEqualTo("character varying");
            assertThat(count(warehouse, "select count(*) from demo.order_completed where id = 'e2e-order-1'")).isEqualTo(1);
            assertThat(count(warehouse, "select count(*) from demo.order_completed where price = 9 and user_id = 'u1'")).isEqualTo(1);
            assertThat(count(warehouse, "select count(*) from demo.tracks")).isEqualTo(3);
        }
    }

    @Test
    void aSyncOfASourceThatDoesNotExistFailsWithTheReason() throws Exception {
        demoEnvironment();
        Bigpicture.Result sync = BIGPICTURE.run("sync", "no-such-source", "--wait");

        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.output()).contains("no source named no-such-source in workspace demo");
    }

    @Test
    void aPersonWhoSignedUpAtKeycloakOwnsTheWorkspaceTheyCreateAndNobodyElseSeesIt() throws Exception {
        String admin = "http://localhost:" + (8080 + Bigpicture.PORT_OFFSET) + "/api/workspaces";
        String ann = StackApis.signedUpPerson();
        String bob = StackApis.signedUpPerson();
        String workspace = "e2e-" + UUID.randomUUID();

        HttpResponse<String> created = StackApis.send(HttpRequest.newBuilder(URI.create(admin)).header("Authorization", "Bearer " + ann)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + workspace + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> annSees = StackApis.send(HttpRequest.newBuilder(URI.create(admin)).header("Authorization", "Bearer " + ann).GET());
        assertThat(annSees.statusCode()).isEqualTo(200);
        assertThat(annSees.body()).contains(workspace).doesNotContain("\"demo\"");
        HttpResponse<String> bobSees = StackApis.send(HttpRequest.newBuilder(URI.create(admin)).header("Authorization", "Bearer " + bob).GET());
        assertThat(bobSees.body()).isEqualTo("[]");
    }

    /**
     * The first-use path in real headless Chromium against the real Keycloak: sign up on its
     * registration page, name the workspace, create a source and take its write key, send an event
     * with it and see it in the live events, add the local warehouse, load the source into it, sync, see the rows in the sync
     * history and the new table in the schema page. A screenshot of each step is in target/screenshots/.
     */
    @Test
    void aNewcomerSignsUpInTheBrowserAndSeesTheirFirstEventLoaded() throws Exception {
        String console = "http://localhost:" + (8080 + Bigpicture.PORT_OFFSET) + "/console";
        String ingest = "http://localhost:" + (8081 + Bigpicture.PORT_OFFSET);
        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        try (Browser browser = new Browser()) {
            WebDriver page = browser.driver;
            page.get(console);
            await(page, ExpectedConditions.elementToBeClickable(By.linkText("Register")));
            browser.screenshot("keycloak-sign-in");
            page.findElement(By.linkText("Register")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.name("password-confirm")));
            page.findElement(By.name("firstName")).sendKeys("Nina");
            page.findElement(By.name("lastName")).sendKeys("Newcomer");
            page.findElement(By.name("email")).sendKeys(email);
            page.findElement(By.name("password")).sendKeys("a-long-passphrase-1");
            page.findElement(By.name("password-confirm")).sendKeys("a-long-passphrase-1");
            browser.screenshot("keycloak-registration");
            page.findElement(By.cssSelector("[type=submit]")).click();

            await(page, ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Name your workspace"));
            browser.screenshot("console-name-your-workspace");
            page.findElement(By.name("name")).sendKeys("Nina's Shop");
            page.findElement(By.cssSelector("form[action='/console/workspaces'] [type=submit]")).click();

            await(page, ExpectedConditions.presenceOfElementLocated(By.id("sources")));
            page.findElement(By.cssSelector("#sources form[action$='/sources'] input[name=name]")).sendKeys("Web Shop");
            page.findElement(By.cssSelector("#sources form[action$='/sources'] [type=submit]")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.id("write-key")));
            String writeKey = page.findElement(By.id("write-key")).getText().trim();
            assertThat(writeKey).startsWith("bpk_");
            assertThat(page.findElement(By.id("snippet-curl")).getText()).contains(writeKey, ingest + "/v1/track");
            browser.screenshot("console-write-key-shown-once");

            // a new key reaches the tracking API within seconds (bigpicture.ingest.write-key-refresh)
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> StackApis.post(ingest + "/v1/track", writeKey,
                    "{\"userId\":\"nina\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"free\"}}") == 200);

            page.findElement(By.partialLinkText("Back to")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.linkText("live events")));
            page.findElement(By.linkText("live events")).click();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                page.navigate().refresh();
                return page.findElement(By.id("events")).getText().contains("Signed Up");
            });
            browser.screenshot("console-live-events");
            page.findElement(By.partialLinkText("Back to")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.id("warehouses")));
            page.findElement(By.cssSelector("#warehouses input[name=name]")).sendKeys("local");
            page.findElement(By.cssSelector("#warehouses input[name=host]")).sendKeys("localhost");
            page.findElement(By.cssSelector("#warehouses input[name=port]")).clear();
            page.findElement(By.cssSelector("#warehouses input[name=port]")).sendKeys(Integer.toString(5433 + Bigpicture.PORT_OFFSET));
            page.findElement(By.cssSelector("#warehouses input[name=database]")).sendKeys("warehouse");
            page.findElement(By.cssSelector("#warehouses input[name=username]")).sendKeys("loader");
            page.findElement(By.cssSelector("#warehouses input[name=password]")).sendKeys("loader-local");
            // the embedded server speaks no TLS
            new Select(page.findElement(By.cssSelector("#warehouses select[name=tls]"))).selectByValue("disable");
            browser.screenshot("console-add-warehouse");
            page.findElement(By.cssSelector("#warehouses [type=submit]")).click();

            await(page, ExpectedConditions.presenceOfElementLocated(By.xpath("//button[text()='Check connection']")));
            page.findElement(By.xpath("//button[text()='Check connection']")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.id("setup-sql")));
            assertThat(page.findElement(By.id("check")).getText()).contains("has every privilege it needs");
            assertThat(page.findElement(By.id("setup-sql")).getText()).contains("GRANT CREATE ON DATABASE \"warehouse\" TO \"loader\";");
            browser.screenshot("console-connection-check");
            page.findElement(By.partialLinkText("Back to")).click();

            await(page, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sources select[name=warehouse]")));
            page.findElement(By.xpath("//button[text()='Load into']")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.className("loads-into")));
            assertThat(page.findElement(By.className("loads-into")).getText()).isEqualTo("local");
            page.findElement(By.xpath("//button[text()='Sync now']")).click();

            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                page.navigate().refresh();
                String history = page.findElement(By.id("syncs")).getText();
                assertThat(history).doesNotContain("FAILED");
                return history.contains("SUCCEEDED");
            });
            assertThat(page.findElement(By.id("syncs")).getText()).contains("signed_up: 1", "tracks: 1");
            assertThat(page.findElements(By.cssSelector("#rows-chart rect"))).as("a bar per sync").hasSize(1);
            browser.screenshot("console-sync-history");

            page.findElement(By.id("schema-link")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.id("table-web_shop-signed_up")));
            assertThat(page.findElement(By.id("table-web_shop-signed_up")).getText()).contains("plan", "varchar(512)", "received_at", "timestamp");
            browser.screenshot("console-schema");

            page.findElement(By.partialLinkText("Back to")).click();
            await(page, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#warehouses input[name=syncCron]")));
            page.findElement(By.cssSelector("#warehouses table input[name=syncCron]")).sendKeys("0 */6 * * *");
            page.findElement(By.xpath("//section[@id='warehouses']//table//button[text()='Change']")).click();
            await(page, ExpectedConditions.textToBePresentInElementLocated(By.id("warehouses"), "cron 0 */6 * * * (UTC)"));
            browser.screenshot("console-cron-schedule");

            // a customer moving from another loader points the source at the schema their dashboards read
            try (Connection superuser = DriverManager.getConnection("jdbc:postgresql://localhost:" + (5433 + Bigpicture.PORT_OFFSET) + "/warehouse",
                    "postgres", "")) {
                superuser.createStatement().execute("create schema if not exists segment_prod authorization loader");
                superuser.createStatement().execute("create table if not exists segment_prod.tracks (id varchar(1024))");
            }
            assertThat(page.findElement(By.cssSelector("#sources code.destination-schema")).getText()).isEqualTo("web_shop");
            page.findElement(By.linkText("change schema")).click();
            WebElement segment = await(page, ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//section[@id='existing-schemas']//tr[td/code[text()='segment_prod']]")));
            assertThat(segment.getText()).as("its one table").contains("segment_prod 1");
            browser.screenshot("console-destination-schemas");
            segment.findElement(By.xpath(".//button[text()='Load here']")).click();
            page.switchTo().alert().accept();
            await(page, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#sources code.destination-schema"), "segment_prod"));
            browser.screenshot("console-destination-schema");

            page.findElement(By.xpath("//section[@id='sources']//button[text()='Delete']")).click();
            page.switchTo().alert().accept();
            await(page, ExpectedConditions.textToBePresentInElementLocated(By.id("sources"), "No source yet"));
            browser.screenshot("console-source-deleted");
            // the deleted source's key stops within the key refresh interval
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> StackApis.post(ingest + "/v1/track", writeKey,
                    "{\"userId\":\"nina\",\"event\":\"After Deletion\"}") == 401);
        }
    }

    /**
     * A warehouse password (a canary) that the loader decrypts and connects with never comes back
     * in an API answer, a console page or the OpenAPI document, and is in no log of any part.
     */
    @Test
    void aWarehousePasswordIsNeverAnsweredShownOrLogged() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String person = StackApis.signedUpPerson();
        String admin = "http://localhost:" + (8080 + Bigpicture.PORT_OFFSET);
        List<String> answers = new ArrayList<>();
        String workspace = StackApis.idOf(StackApis.call(admin + "/api/workspaces", person, "{\"name\":\"canary-" + UUID.randomUUID() + "\"}", answers));
        String api = admin + "/api/workspaces/" + workspace;
        String created = StackApis.call(api + "/sources", person, "{\"name\":\"app\"}", answers);
        String source = StackApis.idOf(created);
        Matcher writeKey = Pattern.compile("\"writeKey\":\"([^\"]+)\"").matcher(created);
        assertThat(writeKey.find()).isTrue();
        String ingest = "http://localhost:" + (8081 + Bigpicture.PORT_OFFSET) + "/v1/track";
        // an event to load, so that the sync connects with the password
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> StackApis.post(ingest, writeKey.group(1), "{\"userId\":\"c1\",\"event\":\"Tried\"}") == 200);
        // a warehouse user whose password is the canary, so that the sync connects only if the loader decrypted it
        String canaryUser = "canary_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection superuser = DriverManager.getConnection("jdbc:postgresql://localhost:" + (5433 + Bigpicture.PORT_OFFSET) + "/warehouse",
                "postgres", "")) {
            superuser.createStatement().execute("create role " + canaryUser + " login password '" + canary + "'");
            superuser.createStatement().execute("grant create on database warehouse to " + canaryUser);
        }
        String warehouse = StackApis.idOf(StackApis.call(api + "/warehouses", person, "{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":"
                + (5433 + Bigpicture.PORT_OFFSET) + ",\"database\":\"warehouse\",\"username\":\"" + canaryUser + "\",\"password\":\"" + canary
                + "\",\"tls\":\"disable\"}", answers));
        StackApis.send(HttpRequest.newBuilder(URI.create(api + "/sources/" + source + "/destinations/" + warehouse))
                .header("Authorization", "Bearer " + person).PUT(HttpRequest.BodyPublishers.noBody()));
        String requested = StackApis.call(api + "/sources/" + source + "/syncs", person, "", answers);
        Matcher job = Pattern.compile("\"jobs\":\\[\\{\"id\":\"([^\"]+)\"").matcher(requested);
        assertThat(job.find()).as(requested).isTrue();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> StackApis.call(api + "/syncs/" + job.group(1), person, null, new ArrayList<>()).contains("\"finished\":true"));

        // the loader decrypted the password and connected with it (the local PostgreSQL checks passwords)
        String history = StackApis.call(api + "/syncs/" + job.group(1), person, null, answers);
        assertThat(history).contains("\"step\":\"connect\",\"table\":null,\"outcome\":\"SUCCEEDED\"");
        for (String path : List.of("/api/workspaces", "/api/workspaces/" + workspace + "/warehouses", "/api/workspaces/" + workspace + "/sources",
                "/api/workspaces/" + workspace + "/syncs", "/api/workspaces/" + workspace + "/schema", "/api/workspaces/" + workspace + "/members",
                "/console", "/console/workspaces/" + workspace, "/console/workspaces/" + workspace + "/schema", "/q/openapi")) {
            StackApis.call(admin + path, person, null, answers);
        }
        assertThat(answers).hasSize(15).allSatisfy(answer -> assertThat(answer).doesNotContain(canary));
        try (var logs = Files.list(BIGPICTURE_HOME.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(canary);
            }
        }
    }

    private static <T> T await(WebDriver page, ExpectedCondition<T> condition) {
        return new WebDriverWait(page, Duration.ofSeconds(60)).until(condition);
    }

    private static Map<String, String> demoEnvironment() throws Exception {
        Bigpicture.Result demo = BIGPICTURE.run("demo", "--env");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        demo.output().lines().filter(line -> line.startsWith("BIGPICTURE_")).forEach(line -> {
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 2, line.length() - 1));
        });
        assertThat(values).containsKeys("BIGPICTURE_WRITE_KEY", "BIGPICTURE_INGEST_URL", "BIGPICTURE_SOURCE_ID",
                "BIGPICTURE_WAREHOUSE_JDBC_URL", "BIGPICTURE_WAREHOUSE_SCHEMA");
        return values;
    }

    private static String columnType(Connection connection, String schema, String table, String column) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "select data_type from information_schema.columns where table_schema = ? and table_name = ? and column_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, column);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
