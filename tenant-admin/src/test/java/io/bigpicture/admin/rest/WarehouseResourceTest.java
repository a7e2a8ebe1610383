package io.bigpicture.admin.rest;

import static io.bigpicture.admin.rest.TenantApi.api;
import static io.bigpicture.admin.rest.TenantApi.warehouse;
import static io.bigpicture.admin.rest.TenantApi.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.bigpicture.catalog.SecretBinding;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.redshift.emulator.RedshiftEmulator;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class WarehouseResourceTest {

    /** Started by the first test of a Redshift warehouse. */
    private static RedshiftEmulator redshift;

    @AfterAll
    static void stopRedshift() {
        if (redshift != null) {
            redshift.close();
        }
    }

    @Test
    void aWarehousePasswordIsStoredEncryptedAndNeverAnswered() {
        String workspace = workspace();
        String body = api().body(warehouse("dw", "s3cr3t-pa55")).post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(201).body("kind", equalTo("POSTGRES")).body("syncIntervalMinutes", equalTo(60))
                .extract().asString();

        assertThat(body).doesNotContain("s3cr3t-pa55").doesNotContain("password");
        byte[] stored = (byte[]) TestingCatalog.single("select password_secret from warehouse where tenant_id = ?", UUID.fromString(workspace));
        UUID id = (UUID) TestingCatalog.single("select id from warehouse where tenant_id = ?", UUID.fromString(workspace));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-pa55");
        SecretCipher cipher = SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY);
        assertThat(cipher.decrypt(stored, new SecretBinding(UUID.fromString(workspace), id, SecretBinding.Field.PASSWORD))).isEqualTo("s3cr3t-pa55");
        assertThatThrownBy(() -> cipher.decrypt(stored, new SecretBinding(UUID.randomUUID(), id, SecretBinding.Field.PASSWORD)))
                .as("bound to its tenant").isInstanceOf(IllegalArgumentException.class);
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
                .then().statusCode(201).body("tls", equalTo("verify-full")).body("s3Bucket", equalTo("loads")).body("awsAccessKeyId", equalTo("AKIAEXAMPLE"))
                .extract().asString();

        assertThat(body).doesNotContain("wJalr-secret");
        byte[] stored = (byte[]) TestingCatalog.single("select aws_secret_key_secret from warehouse where tenant_id = ?", UUID.fromString(workspace));
        UUID id = (UUID) TestingCatalog.single("select id from warehouse where tenant_id = ?", UUID.fromString(workspace));
        assertThat(SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY)
                .decrypt(stored, new SecretBinding(UUID.fromString(workspace), id, SecretBinding.Field.AWS_SECRET_ACCESS_KEY))).isEqualTo("wJalr-secret");
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
        api().body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"h/x?socketFactory=evil\",\"port\":5432,\"database\":\"d?sslmode=disable\","
                        + "\"username\":\"u\",\"password\":\"p\"}")
                .post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(400).body("error", equalTo("host: give a host name (letters, digits, hyphens and dots) or an IP address,"
                        + " nothing else; database: 1 to 63 letters, digits, _, $ or -"));
        api().body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"169.254.169.254\",\"port\":80,\"database\":\"d\",\"username\":\"u\","
                        + "\"password\":\"p\"}")
                .post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(400).body("error", startsWith("host: the warehouse host 169.254.169.254 is, or resolves to, an address inside"));
        api().body("{\"name\":\"dw\",\"kind\":\"POSTGRES\",\"host\":\"db.example.com\",\"port\":5432,\"database\":\"d\",\"username\":\"u\","
                        + "\"password\":\"p\",\"tls\":\"prefer\"}")
                .post("/api/workspaces/" + workspace + "/warehouses")
                .then().statusCode(400).body("error", equalTo("tls: one of disable, require, verify-full"));
        api().get("/api/workspaces/" + workspace + "/warehouses").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void newTextColumnsAre512LongUnlessTheWarehouseSaysOtherwiseUpTo65535() {
        String path = "/api/workspaces/" + workspace() + "/warehouses";
        String base = "\"kind\":\"POSTGRES\",\"host\":\"db.example.com\",\"port\":5432,\"database\":\"d\",\"username\":\"u\",\"password\":\"p\"";
        api().body("{\"name\":\"plain\"," + base + "}").post(path).then().statusCode(201).body("varcharLength", equalTo(512));
        String wide = api().body("{\"name\":\"wide\"," + base + ",\"varcharLength\":4096}").post(path).then().statusCode(201)
                .body("varcharLength", equalTo(4096)).extract().path("id");
        api().body("{\"name\":\"narrow\"," + base + ",\"varcharLength\":256}").post(path).then().statusCode(400)
                .body("error", equalTo("varcharLength: the length of new text columns must be 512 to 65535, not 256"));

        api().body("{\"varcharLength\":65535}").put(path + "/" + wide + "/columns").then().statusCode(200).body("varcharLength", equalTo(65535));
        api().body("{\"varcharLength\":65536}").put(path + "/" + wide + "/columns").then().statusCode(400)
                .body("error", equalTo("varcharLength: the length of new text columns must be 512 to 65535, not 65536"));
        assertThat(TestingCatalog.single("select varchar_length from warehouse where id = ?", UUID.fromString(wide))).isEqualTo(65535);
        api().body("{}").put(path + "/" + wide + "/columns").then().statusCode(200).body("varcharLength", equalTo(512));
        api().body("{\"varcharLength\":1024}").put(path + "/" + UUID.randomUUID() + "/columns").then().statusCode(404);
    }

    @Test
    void theTlsSettingIsOneOfThreeModesAndTheOlderSslFlagStillCounts() {
        String path = "/api/workspaces/" + workspace() + "/warehouses";
        String base = "\"kind\":\"POSTGRES\",\"host\":\"db.example.com\",\"port\":5432,\"database\":\"d\",\"username\":\"u\",\"password\":\"p\"";
        api().body("{\"name\":\"a\"," + base + ",\"tls\":\"require\"}").post(path).then().statusCode(201).body("tls", equalTo("require"));
        api().body("{\"name\":\"b\"," + base + ",\"tls\":\"DISABLE\"}").post(path).then().statusCode(201).body("tls", equalTo("disable"));
        api().body("{\"name\":\"c\"," + base + ",\"ssl\":false}").post(path).then().statusCode(201).body("tls", equalTo("disable"));
        api().body("{\"name\":\"d\"," + base + ",\"ssl\":true}").post(path).then().statusCode(201).body("tls", equalTo("require"));
        api().body("{\"name\":\"e\"," + base + "}").post(path).then().statusCode(201).body("tls", equalTo("verify-full"));
    }

    @Test
    void checkingAConnectionReportsWhatTheLoaderLacksWithTheStatementThatFixesIt() throws Exception {
        String workspace = workspace();
        int port = LocalStackResource.stack().postgresPort();
        String warehouse = localWarehouse(workspace, port);
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

    /** The schemas a source could point at, as the loader's user sees them: not the database's own, not ones it may not use. */
    @Test
    void theSchemasASourceCouldLoadIntoAreReadFromTheWarehouseWithTheSourcesThatLoadThere() throws Exception {
        String workspace = workspace();
        int port = LocalStackResource.stack().postgresPort();
        String warehouse = localWarehouse(workspace, port);
        String sourceName = "Shop " + UUID.randomUUID().toString().substring(0, 8);
        String source = api().body("{\"name\":\"" + sourceName + "\"}").post("/api/workspaces/" + workspace + "/sources").then().extract().path("id");
        String own = api().get("/api/workspaces/" + workspace + "/sources").then().extract().path("[0].schemaName");
        api().put("/api/workspaces/" + workspace + "/sources/" + source + "/destinations/" + warehouse).then().statusCode(204);
        String legacy = "legacy_" + UUID.randomUUID().toString().substring(0, 8);
        String closed = "closed_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/warehouse", "postgres", "")) {
            admin.createStatement().execute("create schema \"" + legacy + "\" authorization loader");
            admin.createStatement().execute("create table \"" + legacy + "\".tracks (id varchar(1024))");
            admin.createStatement().execute("create table \"" + legacy + "\".identifies (id varchar(1024))");
            admin.createStatement().execute("create schema \"" + own + "\" authorization loader");
            admin.createStatement().execute("create schema \"" + closed + "\"");
        }

        List<Map<String, Object>> schemas = api().get("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/schemas")
                .then().statusCode(200).extract().path("");

        assertThat(schemas).anySatisfy(schema -> assertThat(schema).containsEntry("name", legacy).containsEntry("tables", 2)
                .containsEntry("loadedBy", List.of()));
        assertThat(schemas).anySatisfy(schema -> assertThat(schema).containsEntry("name", own).containsEntry("loadedBy", List.of(sourceName)));
        assertThat(schemas).extracting(schema -> schema.get("name")).as("not the database's own, not one the loader may not use")
                .doesNotContain("public", "information_schema", "pg_catalog", closed);

        String silent = api().body("{\"name\":\"nothing there\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":" + freePort()
                        + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"p\",\"tls\":\"disable\"}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
        api().get("/api/workspaces/" + workspace + "/warehouses/" + silent + "/schemas").then().statusCode(502)
                .body("error", startsWith("could not read the warehouse's schemas: "));
    }

    /** The local stack's warehouse database, as its loader user. */
    private static String localWarehouse(String workspace, int port) {
        return api().body("{\"name\":\"local\",\"kind\":\"POSTGRES\",\"host\":\"localhost\",\"port\":" + port
                        + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"loader-local\",\"tls\":\"disable\"}")
                .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
        api().get("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/schemas").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("public")));

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
    void checkingAServerlessWorkgroupSaysHowTheLoaderCutsFilesWithoutItsSliceCount() throws Exception {
        String workspace = workspace();
        LocalStack stack = LocalStackResource.stack();
        try (RedshiftEmulator workgroup = RedshiftEmulator.startServerless("localhost", stack.postgresPort(), stack.s3Endpoint(),
                AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY)) {
            String warehouse = api().body(redshiftWarehouse(workgroup, LocalStack.BUCKET, ",\"iamRole\":\"arn:aws:iam::123456789012:role/r\""))
                    .post("/api/workspaces/" + workspace + "/warehouses").then().statusCode(201).extract().path("id");

            api().post("/api/workspaces/" + workspace + "/warehouses/" + warehouse + "/check").then().statusCode(200)
                    .body("ok", equalTo(true)).body("steps.outcome", org.hamcrest.Matchers.everyItem(equalTo("PASSED")))
                    .body("steps[5].name", equalTo("read the slice count"))
                    .body("steps[5].detail", startsWith("this warehouse does not show its slices (Redshift Serverless has no stv_slices)"));
        }
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
                + cluster.port() + ",\"database\":\"warehouse\",\"username\":\"loader\",\"password\":\"loader-local\",\"tls\":\"disable\","
                + "\"s3Bucket\":\"" + bucket + "\",\"s3Region\":\"us-east-1\"" + copySettings + "}";
    }
}
