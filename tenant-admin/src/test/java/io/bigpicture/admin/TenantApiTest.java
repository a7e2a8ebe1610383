package io.bigpicture.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TenantApiTest {

    /** Started by the first test of a Redshift warehouse. */
    private static RedshiftEmulator redshift;

    @AfterAll
    static void stopRedshift() {
        if (redshift != null) {
            redshift.close();
        }
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON);
    }

    @Test
    void withoutTheTokenTheApiAnswers401() {
        given().when().get("/api/workspaces").then().statusCode(401).body("error", notNullValue());
        given().header("Authorization", "Bearer wrong").when().get("/api/workspaces").then().statusCode(401);
    }

    @Test
    void aWorkspaceNameIsRequiredAndUnique() {
        String name = "acme-" + UUID.randomUUID();
        api().body("{\"name\":\"" + name + "\"}").post("/api/workspaces").then().statusCode(201).body("name", equalTo(name));
        api().body("{\"name\":\"" + name + "\"}").post("/api/workspaces").then().statusCode(409);
        api().body("{\"name\":\"  \"}").post("/api/workspaces").then().statusCode(400).body("error", equalTo("workspace name is required"));
        api().queryParam("name", name).get("/api/workspaces").then().statusCode(200).body("", hasSize(1));
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
    void aSourceStopsLoadingIntoAWarehouse() {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String source = api().body("{\"name\":\"shop\"}").post(path).then().extract().path("id");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        api().put(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get(path).then().body("[0].warehouseIds", org.hamcrest.Matchers.contains(warehouse));

        api().delete(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);

        api().get(path).then().body("[0].warehouseIds", org.hamcrest.Matchers.empty());
        api().delete(path + "/" + source + "/destinations/" + warehouse).then().statusCode(404)
                .body("error", equalTo("loading of source " + source + " into warehouse " + warehouse + " not found"));
        api().post(path + "/" + source + "/syncs").then().statusCode(409);
    }

    @Test
    void aSourcesFiltersPerWarehouseAreCheckedSavedAndLoggedWithWhoChangedThem() throws Exception {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/sources";
        String source = api().body("{\"name\":\"app\"}").post(path).then().extract().path("id");
        String warehouse = api().body(warehouse("dw", "pw")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        String filters = path + "/" + source + "/destinations/" + warehouse + "/filters";
        api().get(filters).then().statusCode(404);
        api().put(path + "/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get(filters).then().statusCode(200).body("enabled", equalTo(true)).body("events.mode", equalTo("BLOCK"))
                .body("events.rules", hasSize(0)).body("excludedTables", hasSize(0));
        TestingCatalog.execute("insert into warehouse_column (id, tenant_id, warehouse_id, schema_name, table_name, column_name, column_type)"
                + " values (?, ?, ?, 'app', 'debug_click', 'id', 'VARCHAR')", UUID.randomUUID(), UUID.fromString(workspace), UUID.fromString(warehouse));

        api().body("{\"events\":{\"mode\":\"BLOCK\",\"rules\":[{\"types\":[\"click\"],\"name\":\"Debug \\\\\"}]},"
                        + "\"properties\":[{\"path\":\"ip\",\"action\":\"DROP\"}],\"excludedTables\":[\"nope\"]}")
                .put(filters).then().statusCode(400).body("error", equalTo(
                        "events.rules[0].types: click is not a call type (track, identify, page, screen, group, alias); "
                                + "events.rules[0].name: the pattern Debug \\ ends in a lone \\ (write \\\\ for a backslash); "
                                + "properties[0].path: ip does not start with context., properties. or traits.; "
                                + "excludedTables: the warehouse has no table nope for this source"));
        String good = "{\"enabled\":true,\"events\":{\"mode\":\"BLOCK\",\"rules\":[{\"types\":[\"track\"],\"name\":\"Debug *\"}]},"
                + "\"properties\":[{\"path\":\"context.ip\",\"action\":\"DROP\"}],\"excludedTables\":[\"debug_click\"]}";
        api().body(good).put(filters).then().statusCode(200).body("events.rules[0].name", equalTo("Debug *"))
                .body("properties[0].action", equalTo("DROP")).body("excludedTables", org.hamcrest.Matchers.contains("debug_click"));
        api().body(good.replace("\"enabled\":true", "\"enabled\":false")).put(filters).then().statusCode(200);

        api().get(filters).then().statusCode(200).body("enabled", equalTo(false)).body("events.rules[0].types", org.hamcrest.Matchers.contains("track"));
        api().get(filters + "/changes").then().statusCode(200).body("", hasSize(2))
                .body("[0].summary", equalTo("switched off")).body("[0].changedBy", equalTo("operator"))
                .body("[1].summary", equalTo("added events: block track named 'Debug *'; added properties: drop context.ip; "
                        + "added selective sync: table debug_click"))
                .body("[1].settings.enabled", equalTo(true));
        assertThat(TestingCatalog.single("select enabled from destination where source_id = ?", UUID.fromString(source))).isEqualTo(false);
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
    void aWarehousePasswordIsStoredEncryptedAndNeverAnswered() {
        String workspace = workspace();
        String body = api().body(warehouse("dw", "s3cr3t-pa55")).post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(201).body("kind", equalTo("POSTGRES")).body("syncIntervalMinutes", equalTo(60))
                .extract().asString();

        assertThat(body).doesNotContain("s3cr3t-pa55").doesNotContain("password");
        byte[] stored = (byte[]) TestingCatalog.single("select password_secret from warehouse where tenant_id = ?", UUID.fromString(workspace));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-pa55");
        assertThat(SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY).decrypt(stored)).isEqualTo("s3cr3t-pa55");
    }

    @Test
    void aWarehouseSyncsOnAnIntervalOrACronScheduleThatCanBeChanged() {
        String workspace = workspace();
        String path = "/api/workspaces/" + workspace + "/warehouses";
        String withCron = warehouse("dw", "pw").replace("}", ",\"syncCron\":\"30 6 * * 1-5\"}");
        String warehouse = api().body(withCron).post(path).then().statusCode(201)
                .body("syncCron", equalTo("30 6 * * 1-5")).body("syncIntervalMinutes", nullValue())
                .body("schedule", equalTo("cron 30 6 * * 1-5 (UTC)")).extract().path("id");
        String nextSync = (String) api().get(path).then().extract().path("[0].nextSyncAt");
        java.time.ZonedDateTime next = java.time.Instant.parse(nextSync).atZone(java.time.ZoneOffset.UTC);
        assertThat(next.getHour() * 60 + next.getMinute()).isEqualTo(6 * 60 + 30);
        assertThat(next.getDayOfWeek()).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);

        api().body("{\"syncIntervalMinutes\":30}").put(path + "/" + warehouse + "/schedule").then().statusCode(200)
                .body("syncIntervalMinutes", equalTo(30)).body("syncCron", nullValue()).body("schedule", equalTo("every 30 min"));
        Object secondsToNext = TestingCatalog.single("select extract(epoch from next_sync_at - now()) from warehouse where id = ?",
                UUID.fromString(warehouse));
        assertThat(((Number) secondsToNext).doubleValue()).as("within the interval").isBetween(0.0, 30 * 60.0);
        Object minuteOnGrid = TestingCatalog.single("select mod((extract(epoch from next_sync_at)::bigint / 60), 30) from warehouse where id = ?",
                UUID.fromString(warehouse));
        assertThat(((Number) minuteOnGrid).longValue()).as("on the workspace's minute")
                .isEqualTo(io.bigpicture.catalog.SyncSchedule.Every.minutes(30, UUID.fromString(workspace)).offset().toMinutes());

        api().body("{\"syncCron\":\"*/5 * * * *\"}").put(path + "/" + warehouse + "/schedule").then().statusCode(400)
                .body("error", equalTo("cron: */5 * * * * fires more often than every 15 minutes (at 00:00 and 00:05 UTC)"));
        api().body("{\"syncCron\":\"daily\"}").put(path + "/" + warehouse + "/schedule").then().statusCode(400)
                .body("error", startsWith("cron: daily is not a five-field cron expression"));
        api().body("{\"syncIntervalMinutes\":60,\"syncCron\":\"0 * * * *\"}").put(path + "/" + warehouse + "/schedule").then().statusCode(400)
                .body("error", equalTo("give syncIntervalMinutes or syncCron, not both"));
        api().body("{}").put(path + "/" + warehouse + "/schedule").then().statusCode(200).body("schedule", equalTo("hourly"));

        api().body("{\"syncIntervalMinutes\":60,\"paused\":true,\"quietFromHour\":22,\"quietToHour\":6}").put(path + "/" + warehouse + "/schedule")
                .then().statusCode(200).body("paused", equalTo(true)).body("quietFromHour", equalTo(22)).body("quietToHour", equalTo(6))
                .body("schedule", equalTo("hourly, no syncs 22:00–06:00 UTC, paused"));
        int hour = java.time.Instant.parse((String) api().get(path).then().extract().path("[0].nextSyncAt")).atZone(java.time.ZoneOffset.UTC).getHour();
        assertThat(hour).as("the next sync is not in the quiet hours").isBetween(6, 21);
        api().body("{\"quietFromHour\":22}").put(path + "/" + warehouse + "/schedule").then().statusCode(400)
                .body("error", equalTo("quiet hours need both quietFromHour and quietToHour"));
        api().body("{\"quietFromHour\":5,\"quietToHour\":5}").put(path + "/" + warehouse + "/schedule").then().statusCode(400)
                .body("error", equalTo("quiet hours run from one hour of the day (0-23, UTC) to another, got 5 to 5"));
    }

    @Test
    void aRedshiftWarehouseNeedsABucketAndOneWayToReadItAndKeepsItsSecretKeyEncrypted() {
        String workspace = workspace();
        String base = "\"kind\":\"REDSHIFT\",\"host\":\"cluster.example\",\"port\":5439,\"database\":\"dev\",\"username\":\"bigpicture\",\"password\":\"p\"";
        String path = "/api/workspaces/" + workspace + "/warehouses";

        api().body("{\"name\":\"rs\"," + base + ",\"iamRole\":\"arn:aws:iam::1:role/r\"}").post(path)
                .then().statusCode(400).body("error", equalTo("s3Bucket is required"));
        api().body("{\"name\":\"rs\"," + base + ",\"s3Bucket\":\"b\",\"s3Region\":\"eu-west-1\",\"iamRole\":\"arn:aws:iam::1:role/r\","
                        + "\"awsAccessKeyId\":\"AKIA\",\"awsSecretAccessKey\":\"s\"}").post(path)
                .then().statusCode(400).body("error", equalTo("give either iamRole (the cluster's role that reads the bucket) or awsAccessKeyId and awsSecretAccessKey"));
        String body = api().body("{\"name\":\"rs\"," + base + ",\"s3Bucket\":\"loads\",\"s3Region\":\"eu-west-1\","
                        + "\"awsAccessKeyId\":\"AKIAEXAMPLE\",\"awsSecretAccessKey\":\"wJalr-secret\"}").post(path)
                .then().statusCode(201).body("ssl", equalTo(true)).body("s3Bucket", equalTo("loads")).body("awsAccessKeyId", equalTo("AKIAEXAMPLE"))
                .extract().asString();

        assertThat(body).doesNotContain("wJalr-secret");
        byte[] stored = (byte[]) TestingCatalog.single("select aws_secret_key_secret from warehouse where tenant_id = ?", UUID.fromString(workspace));
        assertThat(SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY).decrypt(stored)).isEqualTo("wJalr-secret");
    }

    @Test
    void badWarehouseSettingsAreRefusedNamingTheField() {
        String workspace = workspace();
        api().body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"h\",\"port\":0,\"database\":\"d\",\"username\":\"u\",\"password\":\"p\"}")
                .post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(400).body("error", equalTo("port must be between 1 and 65535"));
        api().body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"h\",\"port\":5432,\"database\":\"d\",\"username\":\"u\",\"password\":\"p\",\"syncIntervalMinutes\":5}")
                .post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(400).body("error", equalTo("syncIntervalMinutes must be between 15 and 1440, got 5"));
    }

    @Test
    void syncNowMakesOneJobPerWarehouseAndItCanBeReadBack() {
        String workspace = workspace();
        String source = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        api().post("/api/workspaces/" + workspace + "/sources/" + source + "/syncs").then().statusCode(409);
        String warehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        api().put("/api/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        api().get("/api/workspaces/" + workspace + "/sources").then().statusCode(200)
                .body("find { it.id == '" + source + "' }.warehouseIds", org.hamcrest.Matchers.contains(warehouse));

        String job = api().post("/api/workspaces/" + workspace + "/sources/" + source + "/syncs")
                .then().statusCode(202).body("jobs", hasSize(1)).body("jobs[0].status", equalTo("PENDING"))
                .extract().path("jobs[0].id");

        api().get("/api/workspaces/" + workspace + "/syncs/" + job).then().statusCode(200)
                .body("warehouseId", equalTo(warehouse)).body("trigger", equalTo("MANUAL")).body("finished", equalTo(false));
    }

    @Test
    void anotherWorkspacesObjectsAreNotFound() {
        String mine = workspace();
        String theirs = workspace();
        String theirSource = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + theirs + "/sources").then().extract().path("id");
        String theirWarehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + theirs + "/warehouses").then().extract().path("id");
        api().put("/api/workspaces/" + theirs + "/sources/" + theirSource + "/destinations/" + theirWarehouse).then().statusCode(204);
        String theirJob = api().post("/api/workspaces/" + theirs + "/sources/" + theirSource + "/syncs").then().extract().path("jobs[0].id");
        String mySource = api().body("{\"name\":\"web\"}").post("/api/workspaces/" + mine + "/sources").then().extract().path("id");

        api().get("/api/workspaces/" + mine + "/sources").then().body("id", not(org.hamcrest.Matchers.hasItem(theirSource)));
        api().get("/api/workspaces/" + mine + "/warehouses").then().body("", hasSize(0));
        api().post("/api/workspaces/" + mine + "/sources/" + theirSource + "/write-keys").then().statusCode(404);
        api().post("/api/workspaces/" + mine + "/sources/" + theirSource + "/syncs").then().statusCode(404);
        api().put("/api/workspaces/" + mine + "/sources/" + mySource + "/destinations/" + theirWarehouse).then().statusCode(404);
        api().get("/api/workspaces/" + mine + "/syncs/" + theirJob).then().statusCode(404);
        api().get("/api/workspaces/" + UUID.randomUUID() + "/sources").then().statusCode(404);
    }

    @Test
    void theSchemaPageListsTheTablesAndColumnsTheLoaderMadeWithTheirTypes() {
        String workspace = workspace();
        String warehouse = api().body(warehouse("dw", "p")).post("/api/workspaces/" + workspace + "/warehouses").then().extract().path("id");
        for (String[] column : new String[][] {{"id", "VARCHAR"}, {"price", "BIGINT"}, {"ratio", "DOUBLE_PRECISION"}}) {
            TestingCatalog.execute("insert into warehouse_column (id, tenant_id, warehouse_id, schema_name, table_name, column_name, column_type)"
                    + " values (?, ?, ?, 'shop', 'order_completed', ?, ?)", UUID.randomUUID(), UUID.fromString(workspace),
                    UUID.fromString(warehouse), column[0], column[1]);
        }

        api().get("/api/workspaces/" + workspace + "/schema").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].warehouseName", equalTo("dw")).body("[0].schema", equalTo("shop")).body("[0].name", equalTo("order_completed"))
                .body("[0].columns.name", org.hamcrest.Matchers.contains("id", "price", "ratio"))
                .body("[0].columns.type", org.hamcrest.Matchers.contains("varchar(512)", "bigint", "double precision"));
    }

    @Test
    void checkingAConnectionReportsWhatTheLoaderLacksWithTheStatementThatFixesIt() throws Exception {
        String workspace = workspace();
        int port = LocalStackResource.stack().postgresPort();
        String warehouse = api().body("{\"name\":\"local\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":" + port
                        + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"loader-local\",\"ssl\":false}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
        String check = "/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check";

        api().post(check).then().statusCode(200).body("ok", equalTo(true)).body("problems", hasSize(0))
                .body("steps.name", org.hamcrest.Matchers.contains("reach localhost:" + port, "log in as loader", "create a schema",
                        "create, alter and drop a table", "use the sources' schemas"))
                .body("steps.outcome", org.hamcrest.Matchers.everyItem(equalTo("PASSED")))
                .body("steps[2].detail", equalTo("created schema bigpicture_check (and dropped it after)"))
                .body("setupStatements", org.hamcrest.Matchers.hasItem("GRANT CREATE ON DATABASE \"warehouse\" TO \"loader\";"))
                .body("loaderAddresses", org.hamcrest.Matchers.contains("127.0.0.1"));
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/warehouse", "postgres", "")) {
            var leftBehind = admin.createStatement().executeQuery("select count(*) from pg_namespace where nspname = 'bigpicture_check'");
            leftBehind.next();
            assertThat(leftBehind.getLong(1)).as("the check leaves no schema behind").isZero();
        }

        String source = api().body("{\"name\":\"Legacy " + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        String schema = api().get("/api/workspaces/" + workspace + "/sources").then().extract().path("[0].schemaName");
        api().put("/api/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/warehouse", "postgres", "")) {
            admin.createStatement().execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'someone_else') then create role someone_else; end if; end $$");
            admin.createStatement().execute("create schema \"" + schema + "\" authorization loader");
            admin.createStatement().execute("create table \"" + schema + "\".orders (id int)");
            admin.createStatement().execute("alter table \"" + schema + "\".orders owner to someone_else");
        }

        String fix = "ALTER TABLE \"" + schema + "\".\"orders\" OWNER TO \"loader\";";
        api().post(check).then().statusCode(200).body("ok", equalTo(false))
                .body("problems", org.hamcrest.Matchers.contains(org.hamcrest.Matchers.endsWith(fix)))
                .body("steps.outcome", org.hamcrest.Matchers.contains("PASSED", "PASSED", "PASSED", "PASSED", "FAILED"))
                .body("steps[4].detail", org.hamcrest.Matchers.endsWith(fix))
                .body("setupStatements", org.hamcrest.Matchers.hasItem(fix));
    }

    @Test
    void checkingAWarehouseWithAWrongPasswordSaysTheLoginWasRefused() {
        String workspace = workspace();
        String warehouse = api().body("{\"name\":\"local\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":"
                        + LocalStackResource.stack().postgresPort() + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"not-the-password\",\"ssl\":false}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");

        api().post("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200)
                .body("ok", equalTo(false)).body("problems[0]", startsWith("the warehouse at localhost:")).body("problems[0]",
                        org.hamcrest.Matchers.containsString("refused user loader: check the user name and password in the warehouse settings."))
                .body("steps.outcome", org.hamcrest.Matchers.contains("PASSED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED"));
    }

    @Test
    void checkingAnUnreachableWarehouseSaysSo() {
        String workspace = workspace();
        String warehouse = api().body("{\"name\":\"gone\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":1,"
                        + "\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"x\",\"ssl\":false}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");

        api().post("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200)
                .body("ok", equalTo(false)).body("problems[0]", org.hamcrest.Matchers.startsWith("could not connect to the warehouse at localhost:1/warehouse"))
                .body("steps.outcome", org.hamcrest.Matchers.contains("FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"));
    }

    @Test
    void checkingARedshiftWarehouseCopiesATestFileFromTheBucketAndReadsTheSliceCount() throws Exception {
        String workspace = workspace();
        RedshiftEmulator cluster = redshift();
        String role = "arn:aws:iam::123456789012:role/bigpicture-check";
        String warehouse = api().body(redshiftWarehouse(cluster, LocalStack.BUCKET, ",\"iamRole\":\"" + role + "\""))
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
        String checkFiles = "load/" + workspace + "/" + warehouse + "/check/";

        api().post("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200)
                .body("ok", equalTo(true)).body("problems", hasSize(0))
                .body("steps.name", org.hamcrest.Matchers.contains("reach 127.0.0.1:" + cluster.port(), "log in as loader", "create a schema",
                        "create, alter and drop a table", "copy a test file from S3", "read the slice count", "use the sources' schemas"))
                .body("steps.outcome", org.hamcrest.Matchers.everyItem(equalTo("PASSED")))
                .body("steps[4].detail", startsWith("the cluster loaded the 3 rows of s3://" + LocalStack.BUCKET + "/" + checkFiles))
                .body("steps[4].detail", org.hamcrest.Matchers.endsWith(".csv.gz with COPY (IAM role " + role + ")"))
                .body("steps[5].detail", equalTo("the cluster has 4 slices"));

        assertThat(cluster.statements()).as("the loader's own COPY, from a manifest under the warehouse's check/ prefix, with the IAM role")
                .anyMatch(sql -> sql.startsWith("COPY ") && sql.contains(" FROM 's3://" + LocalStack.BUCKET + "/" + checkFiles)
                        && sql.contains(" IAM_ROLE '" + role + "' ") && sql.contains(" MANIFEST ") && sql.endsWith(" REGION 'us-east-1' MAXERROR 100"))
                .contains("SELECT COUNT(*) FROM stv_slices");
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            assertThat(s3.listObjectsV2(request -> request.bucket(LocalStack.BUCKET).prefix(checkFiles)).contents())
                    .as("the test file and its manifest are deleted").isEmpty();
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + LocalStackResource.stack().postgresPort()
                + "/warehouse", "postgres", "")) {
            var leftBehind = admin.createStatement().executeQuery("select count(*) from pg_namespace where nspname = 'bigpicture_check'");
            leftBehind.next();
            assertThat(leftBehind.getLong(1)).as("the check leaves no schema (nor test table) behind").isZero();
        }

        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String withKeys = api().body(redshiftWarehouse(cluster, LocalStack.BUCKET,
                        ",\"awsAccessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"awsSecretAccessKey\":\"" + secret + "\""))
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
        String answer = api().post("/api/workspaces/" + workspace + "/warehouses/" + withKeys + "/check").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("steps[4].detail", org.hamcrest.Matchers.endsWith(" with COPY (access key AKIAIOSFODNN7EXAMPLE)"))
                .extract().asString();
        assertThat(answer).doesNotContain(secret);
        assertThat(cluster.statements()).anyMatch(sql -> sql.startsWith("COPY ") && sql.contains("/" + withKeys + "/check/")
                && sql.contains(" ACCESS_KEY_ID 'AKIAIOSFODNN7EXAMPLE' SECRET_ACCESS_KEY '" + secret + "' "));
    }

    @Test
    void checkingARedshiftWarehouseWhoseBucketDoesNotExistNamesTheSettingToFix() throws Exception {
        String workspace = workspace();
        String bucket = "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String warehouse = api().body(redshiftWarehouse(redshift(), bucket,
                        ",\"awsAccessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"awsSecretAccessKey\":\"" + secret + "\""))
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");

        String fix = "there is no bucket " + bucket + ": check the load files' bucket (its name and region) in the warehouse settings.";
        String answer = api().post("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200)
                .body("ok", equalTo(false)).body("problems", org.hamcrest.Matchers.contains(fix))
                .body("steps.outcome", org.hamcrest.Matchers.contains("PASSED", "PASSED", "PASSED", "PASSED", "FAILED", "PASSED", "PASSED"))
                .body("steps[4].name", equalTo("copy a test file from S3")).body("steps[4].detail", equalTo(fix))
                .body("steps[5].detail", equalTo("the cluster has 4 slices"))
                .extract().asString();
        assertThat(answer).doesNotContain(secret);
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

    private static String workspace() {
        return api().body("{\"name\":\"ws-" + UUID.randomUUID() + "\"}").post("/api/workspaces").then().statusCode(201).extract().path("id");
    }

    private static String warehouse(String name, String password) {
        return "{\"name\":\"" + name + "\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":5432,\"database\":\"warehouse\","
                + "\"username\":\"loader\",\"password\":\"" + password + "\"}";
    }

    private static synchronized RedshiftEmulator redshift() throws java.io.IOException {
        if (redshift == null) {
            LocalStack stack = LocalStackResource.stack();
            redshift = RedshiftEmulator.start("localhost", stack.postgresPort(), stack.s3Endpoint(), AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY);
        }
        return redshift;
    }

    /** The local warehouse database through the Redshift emulator; copySettings: the IAM role or the access keys, as JSON members. */
    private static String redshiftWarehouse(RedshiftEmulator cluster, String bucket, String copySettings) {
        return "{\"name\":\"rs-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"kind\":\"REDSHIFT\",\"host\":\"127.0.0.1\",\"port\":"
                + cluster.port() + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"loader-local\",\"ssl\":false,"
                + "\"s3Bucket\":\"" + bucket + "\",\"s3Region\":\"us-east-1\"" + copySettings + "}";
    }
}
