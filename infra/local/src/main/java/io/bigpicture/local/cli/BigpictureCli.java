package io.bigpicture.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java side of {@code ./bigpicture demo} and {@code ./bigpicture sync}: talks to the running
 * stack's APIs. The shell script passes where everything is through the environment.
 */
public final class BigpictureCli {

    static final String DEMO = "demo";
    static final String LOCAL_WAREHOUSE = "local";

    private final AdminClient admin;
    private final URI ingestUrl;
    private final Path home;
    private final int postgresPort;

    private BigpictureCli(Map<String, String> env) {
        this.admin = new AdminClient(URI.create(required(env, "BIGPICTURE_ADMIN_URL")), required(env, "BIGPICTURE_ADMIN_TOKEN"));
        this.ingestUrl = URI.create(required(env, "BIGPICTURE_INGEST_URL"));
        this.home = Path.of(required(env, "BIGPICTURE_HOME"));
        this.postgresPort = Integer.parseInt(required(env, "BIGPICTURE_POSTGRES_PORT"));
    }

    public static void main(String[] args) {
        try {
            BigpictureCli cli = new BigpictureCli(System.getenv());
            List<String> arguments = List.of(args);
            String command = arguments.isEmpty() ? "" : arguments.get(0);
            switch (command) {
                case "demo" -> cli.demo(arguments.contains("--env"));
                case "sync" -> cli.sync(arguments.subList(1, arguments.size()));
                default -> throw new CliException("usage: demo [--env] | sync SOURCE [--workspace NAME] [--wait]");
            }
        } catch (CliException e) {
            System.err.println("bigpicture: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Makes sure workspace demo has source demo loading into the local warehouse; prints how to use it. */
    private void demo(boolean env) {
        String workspace = admin.named("/api/workspaces?name=" + DEMO, DEMO)
                .orElseGet(() -> admin.post("/api/workspaces", Map.of("name", DEMO), 201)).path("id").asText();
        String sources = "/api/workspaces/" + workspace + "/sources";
        Optional<JsonNode> existing = admin.named(sources + "?name=" + DEMO, DEMO);
        Path keyFile = home.resolve("demo-write-key");
        String sourceId;
        String writeKey;
        if (existing.isEmpty()) {
            JsonNode created = admin.post(sources, Map.of("name", DEMO), 201);
            sourceId = created.path("id").asText();
            writeKey = created.path("writeKey").asText();
            store(keyFile, writeKey);
        } else {
            sourceId = existing.get().path("id").asText();
            writeKey = read(keyFile).orElseGet(() -> {
                // the catalog keeps only hashes: a lost key is replaced, the old one keeps its grace period
                String rotated = admin.post(sources + "/" + sourceId + "/write-keys", null, 201).path("writeKey").asText();
                store(keyFile, rotated);
                return rotated;
            });
        }
        String warehouses = "/api/workspaces/" + workspace + "/warehouses";
        String warehouseId = admin.named(warehouses, LOCAL_WAREHOUSE).orElseGet(() -> {
            Map<String, Object> warehouse = new LinkedHashMap<>();
            warehouse.put("name", LOCAL_WAREHOUSE);
            warehouse.put("kind", "POSTGRES");
            warehouse.put("host", "localhost");
            warehouse.put("port", postgresPort);
            warehouse.put("database", LocalStack.WAREHOUSE_DATABASE);
            warehouse.put("username", LocalStack.WAREHOUSE_USER);
            warehouse.put("password", LocalStack.WAREHOUSE_PASSWORD);
            // the embedded server speaks no TLS
            warehouse.put("tls", "disable");
            return admin.post(warehouses, warehouse, 201);
        }).path("id").asText();
        admin.put(sources + "/" + sourceId + "/destinations/" + warehouseId);
        String schema = admin.named(sources + "?name=" + DEMO, DEMO).orElseThrow().path("schemaName").asText();
        awaitWriteKeyAccepted(writeKey);

        String jdbcUrl = "jdbc:postgresql://localhost:" + postgresPort + "/" + LocalStack.WAREHOUSE_DATABASE
                + "?user=" + LocalStack.WAREHOUSE_USER + "&password=" + LocalStack.WAREHOUSE_PASSWORD;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BIGPICTURE_WRITE_KEY", writeKey);
        values.put("BIGPICTURE_INGEST_URL", ingestUrl.toString());
        values.put("BIGPICTURE_SOURCE_ID", sourceId);
        values.put("BIGPICTURE_WAREHOUSE_JDBC_URL", jdbcUrl);
        values.put("BIGPICTURE_WAREHOUSE_SCHEMA", schema);
        if (env) {
            values.forEach((name, value) -> System.out.println(name + "='" + value.replace("'", "'\\''") + "'"));
            return;
        }
        System.out.println("Workspace demo, source demo, loading into the local Postgres warehouse (schema " + schema + ").");
        System.out.println();
        values.forEach((name, value) -> System.out.println("  " + name + "=" + value));
        System.out.println();
        System.out.println("Send an event:");
        System.out.println("  curl -u '" + writeKey + ":' -H 'Content-Type: application/json' \\");
        System.out.println("    -d '{\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"price\":9}}' " + ingestUrl + "/v1/track");
        System.out.println("Load it now instead of at the next hourly sync:");
        System.out.println("  ./bigpicture sync demo --wait");
        System.out.println("For scripts: eval \"$(./bigpicture demo --env)\"");
    }

    /**
     * The ingest API learns new keys within seconds. An empty batch tells a known key (400) from an
     * unknown one (401) without sending an event.
     */
    private void awaitWriteKeyAccepted(String writeKey) {
        HttpClient http = HttpClient.newHttpClient();
        String basic = java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingestUrl.resolve("/v1/batch"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 400) {
                    return;
                }
            } catch (IOException notUpYet) {
                // keep trying until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
            pause(Duration.ofMillis(500));
        }
        throw new CliException("the ingest API at " + ingestUrl + " did not accept the demo write key within 60 s");
    }

    /** Requests a sync of a source into each of its warehouses; with --wait, reports how each went. */
    private void sync(List<String> arguments) {
        if (arguments.isEmpty() || arguments.get(0).startsWith("--")) {
            throw new CliException("usage: sync SOURCE [--workspace NAME] [--wait]");
        }
        String sourceName = arguments.get(0);
        int workspaceFlag = arguments.indexOf("--workspace");
        String workspaceName = workspaceFlag >= 0 && workspaceFlag + 1 < arguments.size() ? arguments.get(workspaceFlag + 1) : DEMO;
        boolean wait = arguments.contains("--wait");

        String workspace = admin.named("/api/workspaces?name=" + workspaceName, workspaceName)
                .orElseThrow(() -> new CliException("no workspace named " + workspaceName)).path("id").asText();
        String sourceId = admin.named("/api/workspaces/" + workspace + "/sources?name=" + sourceName, sourceName)
                .orElseThrow(() -> new CliException("no source named " + sourceName + " in workspace " + workspaceName)).path("id").asText();
        JsonNode requested = admin.post("/api/workspaces/" + workspace + "/sources/" + sourceId + "/syncs", null, 202);
        List<String> jobs = new ArrayList<>();
        requested.path("jobs").forEach(job -> jobs.add(job.path("id").asText()));
        if (!wait) {
            jobs.forEach(job -> System.out.println("sync requested: job " + job));
            return;
        }
        int exitCode = 0;
        for (String job : jobs) {
            JsonNode run = awaitFirstRunEnded("/api/workspaces/" + workspace + "/syncs/" + job, WAIT_LIMIT);
            exitCode = Math.max(exitCode, report(job, run));
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** How long {@code sync --wait} waits for a run to end. */
    private static final Duration WAIT_LIMIT = Duration.ofMinutes(10);

    /** Prints how the run went; returns the exit code it means: 0 succeeded, 2 partly loaded, 1 failed. */
    private static int report(String job, JsonNode run) {
        String status = run.path("status").asText();
        switch (status) {
            case "SUCCEEDED" -> System.out.println("sync " + job + " succeeded: " + rows(run.path("rowsLoaded").asLong()));
            case "PARTIAL" -> System.out.println("sync " + job + " loaded some tables only (" + rows(run.path("rowsLoaded").asLong()) + "): "
                    + run.path("error").asText());
            default -> System.out.println("sync " + job + " failed: " + run.path("error").asText("no reason recorded"));
        }
        run.path("rowsPerTable").fields().forEachRemaining(table -> {
            long discarded = run.path("discardsPerTable").path(table.getKey()).asLong();
            System.out.println("  " + table.getKey() + ": " + rows(table.getValue().asLong())
                    + (discarded > 0 ? " (" + discarded + " values left out or changed; see the discards table)" : ""));
        });
        return switch (status) {
            case "SUCCEEDED" -> 0;
            case "PARTIAL" -> 2;
            default -> 1;
        };
    }

    /**
     * The job's first run once it has ended, however it ended: a run that failed may be tried
     * again later, which this does not wait for.
     */
    private JsonNode awaitFirstRunEnded(String path, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job = admin.get(path);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode run : job.path("runs")) {
                if (!"RUNNING".equals(run.path("status").asText())) {
                    return run;
                }
            }
            pause(Duration.ofMillis(500));
            job = admin.get(path);
        }
        throw new CliException("gave up after " + timeout.toMinutes() + " minutes waiting for sync job " + job.path("id").asText() + ": "
                + waitingFor(job) + "; see ./bigpicture status");
    }

    /** What a job that has not ended is waiting for, in words. */
    private static String waitingFor(JsonNode job) {
        JsonNode runs = job.path("runs");
        if (runs.isEmpty()) {
            return "it is " + job.path("status").asText() + ", not started yet (the warehouse busy with another sync, or no loader-worker"
                    + " running)";
        }
        JsonNode steps = last(runs).path("steps");
        return "its run is still going" + (steps.isEmpty() ? "" : ", last step " + last(steps).path("step").asText()
                + (last(steps).path("table").isTextual() ? " of table " + last(steps).path("table").asText() : ""));
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static JsonNode last(JsonNode array) {
        return array.isEmpty() ? array : array.get(array.size() - 1);
    }

    private static void store(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new CliException("could not keep the demo write key in " + file + ": " + e.getMessage());
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()).filter(key -> !key.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new CliException(name + " is not set; run this through ./bigpicture");
        }
        return value;
    }
}
