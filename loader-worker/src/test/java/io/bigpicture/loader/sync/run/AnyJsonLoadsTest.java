package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.loader.sync.bulk.PostgresBulkLoader;
import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.dialect.postgres.PostgresDialect;
import io.bigpicture.warehouse.filter.CompiledFilters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Legal JSON of any shape, sent as properties, traits and names, never fails a load into
 * PostgreSQL: every message has its rows, whatever went to {@code discards}. The tries share one
 * schema, so later ones meet columns typed by earlier ones.
 */
class AnyJsonLoadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final String SCHEMA = "any_json_" + UUID.randomUUID().toString().substring(0, 8);
    private static final RowMapper ROW_MAPPER = new RowMapper(new Flattener(Flattener.DEFAULT_MAX_DEPTH));
    private static Connection warehouse;
    private static Path directory;
    private static int batch;

    @BeforeContainer
    static void connect() throws Exception {
        warehouse = TestingCatalog.warehouseConnection();
        directory = Files.createTempDirectory("any-json");
    }

    @AfterContainer
    static void close() throws Exception {
        warehouse.close();
        Files.deleteIfExists(directory);
    }

    @Property(tries = 40)
    void anyLegalJsonLoadsWithARowPerMessage(@ForAll("messages") List<String> messages) throws Exception {
        List<Message> sent = new ArrayList<>();
        for (String json : messages) {
            ObjectNode body = (ObjectNode) JSON.readTree(json);
            body.put("messageId", "m" + batch + "-" + sent.size());
            body.put("receivedAt", "2024-05-01T10:00:00Z");
            sent.add(new Message(EventType.fromWireName(body.path("type").asText()).orElseThrow(), body));
        }
        batch++;

        WarehouseLoad.Loaded loaded = load(sent);

        assertThat(loaded.failedTables()).isEmpty();
        long tracks = sent.stream().filter(message -> message.type() == EventType.TRACK).count();
        if (tracks > 0) {
            assertThat(loaded.rowsPerTable()).containsEntry("tracks", tracks);
        }
    }

    @Provide
    Arbitrary<List<String>> messages() {
        Arbitrary<String> track = Arbitraries.just("track").flatMap(type -> name().flatMap(event -> object(3).map(properties ->
                "{\"type\":\"track\",\"event\":" + event + ",\"userId\":" + event + ",\"properties\":" + properties + "}")));
        Arbitrary<String> identify = object(3).flatMap(traits -> name().map(userId ->
                "{\"type\":\"identify\",\"userId\":" + userId + ",\"traits\":" + traits + ",\"context\":" + traits + "}"));
        return Arbitraries.oneOf(track, identify).list().ofMinSize(1).ofMaxSize(8);
    }

    /** A JSON string: any characters, NUL and lone surrogates among them, of any length up to past a column's width. */
    private static Arbitrary<String> name() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12), Arbitraries.strings().ofMaxLength(700),
                Arbitraries.strings().withChars('\0', '\uD800', '\uDC00', 'é', 'A', 'a', '.', ' ').ofMaxLength(10))
                .map(text -> TextNode.valueOf(text).toString());
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> value = depth == 0 ? scalar() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar()), net.jqwik.api.Tuple.of(1, object(depth - 1)),
                net.jqwik.api.Tuple.of(1, scalar().list().ofMaxSize(30).map(items -> "[" + String.join(",", items) + "]")));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("a", "A", "a.b", "a_b", "", " ", "id", "event", "context_x", "x".repeat(200)),
                name().map(quoted -> quoted.substring(1, quoted.length() - 1)))
                .map(text -> TextNode.valueOf(text).toString().substring(1, TextNode.valueOf(text).toString().length() - 1));
        return net.jqwik.api.Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(12)
                .map(fields -> fields.stream().collect(Collectors.joining(",", "{", "}")));
    }

    /** Numbers as JSON writes them, the edges of every type among them; text; booleans; null. */
    private static Arbitrary<String> scalar() {
        Arbitrary<String> edges = Arbitraries.of("123456789012345678901234567890", "1e308", "-1e308", "1e400", "5e-324", "1e-400", "-0.0",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "0.1", "1E+2",
                "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0000-01-01T00:00:00Z\"", "\"2024-13-45T99:99:99Z\"",
                "\"9999-12-31T23:00:00-05:00\"", "\"true\"", "\"12\"", "\"NaN\"", "\"Infinity\"");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, edges),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().map(String::valueOf)),
                net.jqwik.api.Tuple.of(3, name()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("true", "false", "null")));
    }

    private WarehouseLoad.Loaded load(List<Message> messages) throws Exception {
        BatchSchema staged = new BatchSchema();
        messages.forEach(message -> ROW_MAPPER.rows(message).forEach(staged::observe));
        Discards.addTo(staged);
        WarehouseLoad load = new WarehouseLoad(DIALECT, new PostgresBulkLoader(DIALECT), ROW_MAPPER, new UnusedStore(), 2);
        SyncSteps steps = new SyncSteps();
        SchemaEvolution.Evolved evolved = load.evolveSchema(warehouse, SCHEMA, staged, steps);
        return load.loadRows(TestingCatalog::warehouseConnection, 1, SCHEMA, evolved, List.of(sink -> messages.forEach(sink)),
                CompiledFilters.NONE, Instant.parse("2024-07-01T00:00:00Z"), directory, steps);
    }

    /** PostgreSQL copies the local files; nothing needs them on S3. */
    private static final class UnusedStore implements WarehouseLoad.LoadFileStore {
        @Override
        public String put(String name, SpooledGzip file) {
            return "s3://unused/" + name;
        }

        @Override
        public String put(String name, String text) {
            return "s3://unused/" + name;
        }
    }
}
