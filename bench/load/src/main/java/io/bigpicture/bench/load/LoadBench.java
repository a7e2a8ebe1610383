package io.bigpicture.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.catalog.SecretBinding;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.filter.DestinationFilters;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stages N generated events over M event types (P properties each) as the stager would, asks the
 * running loader-worker to sync them into the local warehouse, then COPYs the rows the sync
 * loaded (copied out of its tables) into identical tables: ours against raw COPY.
 *
 * <p>Arguments: {@code N M P POSTGRES_PORT SQS_ENDPOINT S3_ENDPOINT WORKER_PID}; the master key
 * in BIGPICTURE_SECRETS_MASTER_KEY.
 */
public final class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** BENCH_WIDE_PROPERTIES: the property names the first event type's events draw from (one wide table); 0: the same as the others. */
    private static final int WIDE_PROPERTIES = Integer.parseInt(System.getenv().getOrDefault("BENCH_WIDE_PROPERTIES", "0"));
    private static final int EVENTS_PER_FILE = 50_000;
    /** USER_HZ, in which /proc counts CPU time: 100 on Linux for every architecture we run on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int types = Integer.parseInt(args[1]);
        int properties = Integer.parseInt(args[2]);
        int postgresPort = Integer.parseInt(args[3]);
        URI sqsEndpoint = URI.create(args[4]);
        URI s3Endpoint = URI.create(args[5]);
        long workerPid = Long.parseLong(args[6]);
        String catalogUrl = "jdbc:postgresql://localhost:" + postgresPort + "/" + LocalStack.CATALOG_DATABASE;
        String warehouseUrl = "jdbc:postgresql://localhost:" + postgresPort + "/" + LocalStack.WAREHOUSE_DATABASE;
        SecretCipher cipher = SecretCipher.fromBase64(System.getenv("BIGPICTURE_SECRETS_MASTER_KEY"));

        UUID tenant = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        String schema = "bench_" + tenant.toString().substring(0, 8);
        try (Connection catalog = DriverManager.getConnection(catalogUrl, LocalStack.CATALOG_USER, LocalStack.CATALOG_PASSWORD);
             S3Client s3 = AwsClients.s3(s3Endpoint)) {
            execute(catalog, "insert into tenant (id, name) values (?, ?)", tenant, "bench-" + tenant);
            execute(catalog, "insert into source (id, tenant_id, name, schema_name) values (?, ?, ?, ?)", source, tenant, schema, schema);
            execute(catalog, "insert into warehouse (id, tenant_id, name, kind, host, port, database_name, username, password_secret, tls_mode, next_sync_at)"
                            + " values (?, ?, 'bench', 'POSTGRES', 'localhost', ?, ?, ?, ?, 'DISABLE', now() + interval '1 day')",
                    warehouse, tenant, postgresPort, LocalStack.WAREHOUSE_DATABASE, LocalStack.WAREHOUSE_USER,
                    cipher.encrypt(LocalStack.WAREHOUSE_PASSWORD, new SecretBinding(tenant, warehouse, SecretBinding.Field.PASSWORD)));
            int filterRules = Integer.parseInt(System.getenv().getOrDefault("BENCH_FILTER_RULES", "0"));
            execute(catalog, "insert into destination (id, tenant_id, source_id, warehouse_id, filters_json) values (?, ?, ?, ?, ?)",
                    UUID.randomUUID(), tenant, source, warehouse, filterRules == 0 ? null : filters(filterRules).toJson(JSON));
            System.out.printf("filter rules: %d; wide table: %d properties%n", filterRules, WIDE_PROPERTIES);

            long stagingStarted = System.nanoTime();
            stage(catalog, s3, tenant, source, events, types, properties);
            System.out.printf("staged %d events over %d types, %d properties each, in %.1f s%n", events, types, properties, seconds(stagingStarted));

            UUID job = UUID.randomUUID();
            execute(catalog, "insert into sync_job (id, tenant_id, warehouse_id, source_id, trigger, status) values (?, ?, ?, ?, 'MANUAL', 'QUEUED')",
                    job, tenant, warehouse, source);
            double cpuBefore = cpuSeconds(workerPid);
            try (SqsClient sqs = AwsClients.sqs(sqsEndpoint)) {
                String url = sqs.getQueueUrl(b -> b.queueName(LocalStack.SYNC_JOBS_QUEUE)).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(job.toString()));
            }
            Run run = awaitRun(catalog, job);
            long rows = run.rows;
            double ours = rows / run.seconds;
            System.out.printf("ours: %d rows in %.1f s = %.0f rows/s; worker peak RSS %d MiB, worker CPU %.1f s%n", rows, run.seconds, ours,
                    peakRssMiB(workerPid), cpuSeconds(workerPid) - cpuBefore);
            try (PreparedStatement steps = catalog.prepareStatement(
                    "select step, count(*), sum(millis) from sync_run_step where sync_run_id = ? group by step order by min(position)")) {
                steps.setObject(1, run.id);
                try (ResultSet result = steps.executeQuery()) {
                    while (result.next()) {
                        System.out.printf("  step %-15s x%-4d %7d ms%n", result.getString(1), result.getInt(2), result.getLong(3));
                    }
                }
            }

            double raw = rawCopy(warehouseUrl, schema);
            System.out.printf("raw COPY of the same rows: %.0f rows/s%n", raw);
            System.out.printf("ratio=%.2f%n", ours / raw);
        }
    }

    /**
     * {@code count} rules as a careful customer might have them: event block rules that every
     * message is checked against (none of the generated names matches), and four property rules of
     * which two act on every message (one drop, one hash).
     */
    private static DestinationFilters filters(int count) {
        List<DestinationFilters.PropertyRule> properties = List.of(
                new DestinationFilters.PropertyRule("context.library.version", DestinationFilters.PropertyRule.Action.DROP),
                new DestinationFilters.PropertyRule("properties.text_1", DestinationFilters.PropertyRule.Action.HASH),
                new DestinationFilters.PropertyRule("context.ip", DestinationFilters.PropertyRule.Action.DROP),
                new DestinationFilters.PropertyRule("properties.email", DestinationFilters.PropertyRule.Action.DROP))
                .subList(0, Math.min(4, count));
        List<DestinationFilters.EventRule> events = new ArrayList<>();
        for (int i = 0; i < count - properties.size(); i++) {
            events.add(new DestinationFilters.EventRule(List.of("track"), "Debug " + i + " *"));
        }
        return new DestinationFilters(new DestinationFilters.EventRules(DestinationFilters.EventRules.Mode.BLOCK, events), properties,
                List.of(), List.of());
    }

    /** Files of 50 000 events, each with the schema the stager would record, in the catalog as the stager would. */
    private static void stage(Connection catalog, S3Client s3, UUID tenant, UUID source, int events, int types, int properties) throws Exception {
        RowMapper rows = new RowMapper(new Flattener(Flattener.DEFAULT_MAX_DEPTH));
        Random random = new Random(7);
        Instant receivedAt = Instant.parse("2024-05-01T00:00:00Z");
        for (int first = 0; first < events; first += EVENTS_PER_FILE) {
            int count = Math.min(EVENTS_PER_FILE, events - first);
            Path file = Files.createTempFile("bench-staging-", ".json.gz");
            BatchSchema schema = new BatchSchema();
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
                for (int i = first; i < first + count; i++) {
                    ObjectNode event = JSON.createObjectNode()
                            .put("type", "track").put("messageId", "m-" + i).put("userId", "user-" + random.nextInt(100_000))
                            .put("event", "Event Type " + (i % types))
                            .put("receivedAt", receivedAt.plusMillis(i).toString()).put("timestamp", receivedAt.plusMillis(i).toString());
                    event.putObject("context").putObject("library").put("name", "analytics-java").put("version", "3.5.1");
                    ObjectNode props = event.putObject("properties");
                    // one wide table when asked: the first type's events each carry P of that many property names,
                    // a different P each time (a row of 1 200 filled columns passes PostgreSQL's 8 KB row limit)
                    boolean wide = i % types == 0 && WIDE_PROPERTIES > 0;
                    int firstName = wide ? (i / types) * properties % WIDE_PROPERTIES : 0;
                    for (int n = 0; n < properties; n++) {
                        int p = wide ? (firstName + n) % WIDE_PROPERTIES : n;
                        switch (p % 3) {
                            case 0 -> props.put("number_" + p, random.nextInt(10_000));
                            case 1 -> props.put("text_" + p, "value-" + random.nextInt(1000));
                            default -> props.put("ratio_" + p, random.nextDouble());
                        }
                    }
                    rows.rows(new Message(EventType.TRACK, event)).forEach(schema::observe);
                    out.write(JSON.writeValueAsString(event));
                    out.write('\n');
                }
            }
            UUID id = UUID.randomUUID();
            String key = "staging/" + tenant + "/" + source + "/bench/" + id + ".json.gz";
            s3.putObject(b -> b.bucket(LocalStack.BUCKET).key(key), RequestBody.fromFile(file));
            execute(catalog, "insert into staging_file (id, tenant_id, source_id, object_key, event_count, byte_size, first_event_at, last_event_at, schema_json)"
                            + " values (?, ?, ?, ?, ?, ?, now(), now(), ?)",
                    id, tenant, source, key, count, Files.size(file), JSON.writeValueAsString(schema.toJson(JSON)));
            Files.delete(file);
        }
    }

    private record Run(UUID id, long rows, double seconds) {
    }

    private static Run awaitRun(Connection catalog, UUID job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        while (Instant.now().isBefore(deadline)) {
            try (PreparedStatement statement = catalog.prepareStatement(
                    "select id, status, rows_loaded, extract(epoch from finished_at - started_at), error from sync_run where sync_job_id = ?")) {
                statement.setObject(1, job);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && !result.getString(2).equals("RUNNING")) {
                        if (!result.getString(2).equals("SUCCEEDED")) {
                            throw new IllegalStateException("the sync failed: " + result.getString(5));
                        }
                        return new Run((UUID) result.getObject(1), result.getLong(3), result.getDouble(4));
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the sync did not finish within an hour");
    }

    /**
     * Identical empty tables, then COPY FROM STDIN of each table's rows as the sync loaded them:
     * copied out of its table first (gzip CSV, as a load file), timed only going in. The sync puts
     * no load file on S3 for PostgreSQL, which reads them where it wrote them.
     */
    private static double rawCopy(String warehouseUrl, String schema) throws SQLException, java.io.IOException {
        String raw = schema + "_raw";
        long rows = 0;
        long nanos = 0;
        try (Connection warehouse = DriverManager.getConnection(warehouseUrl, LocalStack.WAREHOUSE_USER, LocalStack.WAREHOUSE_PASSWORD)) {
            warehouse.createStatement().execute("create schema \"" + raw + "\"");
            for (String table : tables(warehouse, schema)) {
                String columns = header(warehouse, schema, table);
                Path file = Files.createTempFile("raw-", ".csv.gz");
                try (java.io.OutputStream csv = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
                    warehouse.unwrap(PGConnection.class).getCopyAPI().copyOut(
                            "COPY \"" + schema + "\".\"" + table + "\" (" + columns + ") TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)", csv);
                }
                warehouse.createStatement().execute("create table \"" + raw + "\".\"" + table + "\" (like \"" + schema + "\".\"" + table
                        + "\" including all)");
                long started = System.nanoTime();
                try (InputStream csv = new GZIPInputStream(Files.newInputStream(file))) {
                    rows += warehouse.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            "COPY \"" + raw + "\".\"" + table + "\" (" + columns + ") FROM STDIN WITH (FORMAT csv)", csv);
                }
                nanos += System.nanoTime() - started;
                Files.delete(file);
            }
        }
        return rows / (nanos / 1e9);
    }

    private static List<String> tables(Connection warehouse, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = warehouse.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? and table_name <> 'discards' order by 1")) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        return tables;
    }

    /** The load file's columns are the batch's, in the table's order for the tables a batch made. */
    private static String header(Connection warehouse, String schema, String table) throws SQLException {
        StringBuilder columns = new StringBuilder();
        try (PreparedStatement statement = warehouse.prepareStatement(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.append(columns.isEmpty() ? "" : ", ").append('"').append(result.getString(1)).append('"');
                }
            }
        }
        return columns.toString();
    }

    private static long peakRssMiB(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * The CPU time the process has used so far (user and system, from /proc): unlike the wall
     * time, it does not grow while a shared machine runs something else.
     */
    private static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private LoadBench() {
    }
}
