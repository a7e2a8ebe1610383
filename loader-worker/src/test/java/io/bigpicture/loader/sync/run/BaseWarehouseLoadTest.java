package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.loader.sync.files.Messages;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ChunkedGzip;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Flattener;
import io.bigpicture.warehouse.RowMapper;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.filter.CompiledFilters;
import io.bigpicture.warehouse.filter.DestinationFilters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loading rules (docs/design.md, section 5) end to end against a real database, the same scenarios
 * for each dialect: events in, then the tables checked through information_schema and their values.
 * A subclass says how to connect and which dialect and bulk path to use.
 */
abstract class BaseWarehouseLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Several, so that every scenario also runs with tables loading side by side. */
    protected static final int TABLES_AT_ONCE = 3;
    /** A byte: a table of a few chunks is cut into as many files as the cluster has slices, in every test. */
    protected static final long SMALLEST_LOAD_FILE = 1;

    protected final RowMapper rowMapper = new RowMapper(new Flattener(Flattener.DEFAULT_MAX_DEPTH));
    protected WarehouseLoad load;
    private Connection warehouse;
    private String schema;
    private Path directory;
    protected String loadFilePrefix;

    protected abstract Connection connect() throws Exception;

    /** The dialect and bulk path under test, keeping load files in {@code store}; the dialect's own limits unless given. */
    protected abstract WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits, VarcharLength newText);

    protected final WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store, Optional<SchemaLimits> limits) {
        return warehouseLoad(store, limits, VarcharLength.DEFAULT);
    }

    /** The dialect's type of a JSON document column, as a customer would have made one. */
    protected String jsonColumnType() {
        return "SUPER";
    }

    /** SQL for a JSON column's value as text. */
    protected String jsonText(String column) {
        return "json_serialize(" + column + ")";
    }

    @BeforeEach
    void aFreshSchema() throws Exception {
        warehouse = connect();
        loadFilePrefix = "load/test/" + UUID.randomUUID() + "/";
        load = warehouseLoad(new S3LoadFileStore(loadFilePrefix), Optional.empty());
        schema = "rules_" + UUID.randomUUID().toString().substring(0, 8);
        directory = Files.createTempDirectory("load-test");
    }

    @AfterEach
    void close() throws Exception {
        warehouse.close();
        Files.deleteIfExists(directory);
    }

    @Test
    void namesFollowTheRules() throws Exception {
        load(track("n1", "Order Completed", """
                {"productId":"p","product_id":"second","id":"own","5guys":1,"order":"o","user":"u","address":{"city":"Oslo"}}"""),
                track("n2", "select", "{\"from\":1}"));

        assertThat(columns("order_completed")).containsKeys("product_id", "_id", "_5guys", "order", "user", "address_city");
        assertThat(value("select count(*) from %s.\"order_completed\" where product_id = 'p'")).isEqualTo(1L);
        assertThat(columns("select")).containsKey("from");
        assertThat(columns("tracks")).containsKeys("id", "received_at", "event", "event_text", "user_id", "uuid_ts");
    }

    @Test
    void flatteningKeepsArraysAndDeepObjectsAsJsonAndMakesNoColumnForNull() throws Exception {
        load(track("f1", "E", "{\"tags\":[\"a\",\"b\"],\"a\":{\"b\":{\"c\":{\"d\":1}}},\"gone\":null}"));

        assertThat(columns("e")).containsEntry("tags", "character varying").containsEntry("a_b_c", "character varying")
                .doesNotContainKey("gone");
        assertThat(value("select tags from %s.e")).isEqualTo("[\"a\",\"b\"]");
        assertThat(value("select a_b_c from %s.e")).isEqualTo("{\"d\":1}");
    }

    @Test
    void aNewColumnTakesItsFirstValuesTypeAndWholeWithFractionalNumbersMakeDouble() throws Exception {
        load(track("t1", "E", "{\"n\":1,\"x\":2,\"flag\":true,\"at\":\"2024-05-01T10:00:00Z\",\"s\":\"text\"}"),
                track("t2", "E", "{\"x\":2.5}"));

        assertThat(columns("e")).containsEntry("n", "bigint").containsEntry("x", "double precision")
                .containsEntry("flag", "boolean").containsEntry("at", "timestamp without time zone").containsEntry("s", "character varying");
        assertThat(value("select x from %s.e where id = 't1'")).isEqualTo(2.0);
    }

    @Test
    void anExistingColumnKeepsItsTypeConvertingWhatItCanAndDiscardingWhatItCannot() throws Exception {
        load(track("c1", "E", "{\"n\":1,\"s\":\"text\",\"flag\":true,\"at\":\"2024-05-01T10:00:00Z\",\"d\":1.5}"));
        load(track("c2", "E", "{\"n\":\"99\",\"s\":99,\"flag\":\"false\",\"at\":\"2024-06-01T00:00:00+02:00\",\"d\":3}"),
                track("c3", "E", "{\"n\":\"lots\"}"));

        assertThat(columns("e")).containsEntry("n", "bigint").containsEntry("s", "character varying");
        assertThat(value("select n from %s.e where id = 'c2'")).isEqualTo(99L);
        assertThat(value("select s from %s.e where id = 'c2'")).isEqualTo("99");
        assertThat(value("select flag from %s.e where id = 'c2'")).isEqualTo(false);
        assertThat(value("select to_char(at, 'YYYY-MM-DD HH24:MI') from %s.e where id = 'c2'")).isEqualTo("2024-05-31 22:00");
        assertThat(value("select d from %s.e where id = 'c2'")).isEqualTo(3.0);
        assertThat(value("select count(*) from %s.e where id = 'c3' and n is null")).isEqualTo(1L);
        assertThat(value("select reason from %s.discards where row_id = 'c3' and table_name = 'e' and column_name = 'n'"))
                .isEqualTo("not a whole number for a bigint column");
        assertThat(value("select value from %s.discards where row_id = 'c3'")).isEqualTo("lots");
    }

    /** 512 is bytes on Redshift (256 two-byte characters), characters on PostgreSQL (all 300). */
    @Test
    void textIsCutToItsColumnsLengthOnACharacterBoundary() throws Exception {
        load(track("s1", "E", "{\"s\":\"" + "é".repeat(300) + "\"}"), track("s2", "E", "{\"s\":\"" + "é".repeat(600) + "\"}"));

        assertThat(value("select s from %s.e where id = 's1'")).isIn("é".repeat(256), "é".repeat(300));
        assertThat(value("select s from %s.e where id = 's2'")).isIn("é".repeat(256), "é".repeat(512));
    }

    @Test
    void rowsAreOnePerIdWithinABatchAndAcrossLoads() throws Exception {
        WarehouseLoad.Loaded first = load(track("d1", "E", "{\"v\":1}"), track("d1", "E", "{\"v\":1}"), track("d2", "E", "{\"v\":2}"));
        load(track("d1", "E", "{\"v\":1}"));

        assertThat(first.rowsPerTable()).containsEntry("e", 2L).containsEntry("tracks", 2L);
        assertThat(value("select count(*) from %s.e")).isEqualTo(2L);
        assertThat(value("select count(*) from %s.tracks")).isEqualTo(2L);
    }

    @Test
    void aRowSentAgainReplacesItsIdsRowAndWithinABatchTheLatestReceivedWins() throws Exception {
        load(track("x1", "E", "{\"v\":1}"));
        load(track("x1", "E", "{\"v\":2}"));

        assertThat(value("select v from %s.e where id = 'x1'")).isEqualTo(2L);

        load(track("x1", "E", "2024-05-03T10:00:00Z", "{\"v\":4}"), track("x1", "E", "2024-05-02T10:00:00Z", "{\"v\":3}"));

        assertThat(value("select v from %s.e where id = 'x1'")).isEqualTo(4L);
        assertThat(value("select count(*) from %s.e")).isEqualTo(1L);
    }

    @Test
    void messagesFromSeveralStagingFilesAreWrittenInParallelAndLoadedAsOne() throws Exception {
        WarehouseLoad.Loaded loaded = loadParts(CompiledFilters.NONE,
                List.of(track("p1", "E", "{\"v\":1}"), track("p2", "E", "{\"v\":2}")),
                List.of(track("p3", "E", "{\"v\":3}"), track("p1", "E", "{\"v\":1}")),
                List.of(track("p4", "E", "{\"w\":\"x\"}")));

        assertThat(loaded.rowsPerTable()).containsEntry("e", 4L).containsEntry("tracks", 4L);
        assertThat(value("select count(*) from %s.e")).isEqualTo(4L);
        assertThat(value("select sum(v) from %s.e")).isIn(6L, java.math.BigDecimal.valueOf(6));
    }

    @Test
    void usersKeepTheLatestValueOfEachTraitThatWasNotNull() throws Exception {
        load(identify("i1", "u1", "2024-05-01T10:00:00Z", "{\"plan\":\"free\",\"email\":\"a@example.com\",\"verified\":true}"),
                identify("i2", "u1", "2024-05-01T11:00:00Z", "{\"plan\":\"pro\"}"));
        load(identify("i3", "u1", "2024-05-01T12:00:00Z", "{\"company\":\"Initech\",\"plan\":null}"),
                identify("i0", "u1", "2024-04-01T00:00:00Z", "{\"plan\":\"ancient\",\"email\":\"old@example.com\"}"));

        assertThat(value("select count(*) from %s.users")).isEqualTo(1L);
        assertThat(value("select plan from %s.users where id = 'u1'")).isEqualTo("pro");
        assertThat(value("select email from %s.users where id = 'u1'")).isEqualTo("a@example.com");
        assertThat(value("select company from %s.users where id = 'u1'")).isEqualTo("Initech");
        assertThat(value("select verified from %s.users where id = 'u1'")).isEqualTo(true);
        assertThat(value("select count(*) from %s.identifies")).isEqualTo(4L);
    }

    @Test
    void loadingTheSameBatchTwiceGivesTheSameTables() throws Exception {
        Message[] batch = {track("r1", "E", "{\"v\":1}"), identify("r2", "u9", "2024-05-01T10:00:00Z", "{\"plan\":\"pro\"}")};
        load(batch);
        String before = TableSnapshots.of(warehouse, schema);
        load(batch);

        assertThat(TableSnapshots.of(warehouse, schema)).isEqualTo(before);
    }

    @Test
    void filtersKeepBlockedEventsDroppedPropertiesAndExcludedTablesOutAndCountThem() throws Exception {
        load(track("f0", "Debug Click", "{\"x\":1}"));
        CompiledFilters filters = CompiledFilters.compile(new DestinationFilters(
                new DestinationFilters.EventRules(DestinationFilters.EventRules.Mode.BLOCK, List.of(new DestinationFilters.EventRule(List.of("track"), "Debug *"))),
                List.of(new DestinationFilters.PropertyRule("properties.email", DestinationFilters.PropertyRule.Action.DROP),
                        new DestinationFilters.PropertyRule("properties.phone", DestinationFilters.PropertyRule.Action.HASH)),
                List.of("debug_click"), List.of()), "Postgres", "dw");

        WarehouseLoad.Loaded loaded = loadFiltered(filters,
                track("f1", "Order Completed", "{\"price\":5,\"email\":\"a@example.com\",\"phone\":\"555\"}"),
                track("f2", "debug scroll", "{\"y\":2}"),
                message(EventType.TRACK, "{\"messageId\":\"f3\",\"userId\":\"u1\",\"event\":\"Signed Up\",\"receivedAt\":\"2024-05-01T10:00:00Z\","
                        + "\"integrations\":{\"All\":false}}"));

        assertThat(loaded.rowsPerTable()).containsOnlyKeys("tracks", "order_completed");
        assertThat(columns("order_completed")).containsKeys("price", "phone").doesNotContainKey("email");
        assertThat(value("select phone from %s.order_completed where id = 'f1'")).isEqualTo(sha256("555"));
        assertThat(value("select count(*) from %s.tracks")).as("f0 from before, f1").isIn(2L, 2);
        assertThat(columns("debug_scroll")).as("no table for a blocked event").isEmpty();
        assertThat(loaded.keptOutByRule()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "events: block track named 'Debug *'", 1L, CompiledFilters.INTEGRATIONS_RULE, 1L,
                "properties: drop properties.email", 1L, "properties: hash properties.phone", 1L));
    }

    @Test
    void newColumnsPastATablesLimitAreNotCreatedTheirValuesAreDiscardedAndTheRestOfTheRowLoads() throws Exception {
        load(track("l1", "Order Completed", "{\"price\":9}"));
        int columnsNow = columns("order_completed").size();
        // room for one more column in order_completed, and for no new table at all
        load = warehouseLoad(new S3LoadFileStore("load/test/" + UUID.randomUUID() + "/"), Optional.of(new SchemaLimits(columnsNow + 1, (int) tablesNow())));

        WarehouseLoad.Loaded loaded = load(
                track("l2", "Order Completed", "{\"price\":10,\"coupon\":\"SPRING\",\"channel\":\"web\",\"note\":\"x\"}"),
                track("l3", "Product Viewed", "{\"sku\":\"p-1\"}"));

        assertThat(columns("order_completed")).as("one new column, the first seen").containsKey("coupon").doesNotContainKeys("channel", "note");
        assertThat(value("select price || ' ' || coupon from %s.order_completed where id = 'l2'")).as("the rest of the row").isEqualTo("10 SPRING");
        assertThat(value("select string_agg(column_name || '=' || value, ',' order by column_name) from %s.discards"
                + " where row_id = 'l2' and reason = 'column limit'")).isEqualTo("channel=web,note=x");
        assertThat(columns("product_viewed")).as("no table past the warehouse's limit").isEmpty();
        assertThat(loaded.keptOutByRule()).containsEntry("table limit: product_viewed", 1L);
    }

    /** A source that puts ids in its event and property names: each sync may make so many, and the rest go to discards. */
    @Test
    void newTablesAndColumnsPastTheSourcesCapsAreNotCreatedAndTheirNamesAndValuesGoToDiscards() throws Exception {
        load(track("c1", "Order Completed", "{\"price\":9}"));
        // one new table and four new columns a sync: the two coupons, then the new table's id and times, which always come
        SchemaLimits.SourceCaps caps = new SchemaLimits.SourceCaps(1, 1000, 4, 100_000);
        SchemaLimits databases = warehouseLoad(new S3LoadFileStore("load/test/" + UUID.randomUUID() + "/"), Optional.empty()).limits();
        load = warehouseLoad(new S3LoadFileStore("load/test/" + UUID.randomUUID() + "/"), Optional.of(databases.withSourceCaps(caps)));

        WarehouseLoad.Loaded loaded = load(
                track("c2", "Order Completed", "{\"price\":10,\"coupon_1\":\"a\",\"coupon_2\":\"b\"}"),
                track("c3", "Viewed Product 1", "{\"sku\":\"p-1\"}"),
                track("c4", "Viewed Product 2", "{\"sku\":\"p-2\"}"));

        assertThat(columns("viewed_product_1")).as("the sync's one new table, with the columns the loader needs")
                .containsKeys("id", "received_at", "uuid_ts").doesNotContainKey("sku");
        assertThat(columns("viewed_product_2")).as("past the new tables a sync may make").isEmpty();
        assertThat(value("select column_name || '=' || value from %s.discards where row_id = 'c4' and reason = 'too many tables'"))
                .isEqualTo("event_text=Viewed Product 2");
        assertThat(value("select price || ' ' || coupon_1 from %s.order_completed where id = 'c2'")).as("the rest of the row").isEqualTo("10 a");
        assertThat(value("select value from %s.discards where row_id = 'c3' and column_name = 'sku' and reason = 'too many columns'"))
                .as("a column past the sync's cap").isEqualTo("p-1");
        assertThat(loaded.rowsPerTable()).containsKey("viewed_product_1").doesNotContainKey("viewed_product_2");
    }

    /**
     * A table another loader made, before bigPicture's first sync into its schema: its columns stay
     * as they are, values are fitted to them or go to discards, and an id already there is replaced.
     */
    @Test
    void anExistingTableKeepsItsColumnsAndTakesValuesFittedToThem() throws Exception {
        try (Statement statement = warehouse.createStatement()) {
            statement.execute("CREATE SCHEMA \"" + schema + "\"");
            statement.execute("CREATE TABLE \"" + schema + "\".order_completed (id VARCHAR(512), note VARCHAR(16), qty INTEGER,"
                    + " price NUMERIC(10,2), day DATE, at TIMESTAMP, at_zoned TIMESTAMPTZ)");
            statement.execute("INSERT INTO \"" + schema + "\".order_completed (id, note, qty, price, day) VALUES ('e1', 'before', 1, 1.50, '2020-01-01')");
        }

        WarehouseLoad.Loaded loaded = load(
                track("e1", "Order Completed", "{\"note\":\"again\",\"qty\":2,\"price\":2.5,\"day\":\"2024-05-02T10:00:00Z\"}"),
                track("e2", "Order Completed", "{\"note\":\"a note longer than sixteen characters\",\"qty\":3000000000,"
                        + "\"price\":19.999,\"day\":\"2024-05-01T22:00:00Z\",\"at\":\"2024-05-01T10:00:00Z\",\"at_zoned\":\"2024-05-01T10:00:00Z\"}"),
                track("e3", "Order Completed", "{\"note\":\"big\",\"price\":123456789.5}"));

        assertThat(columns("order_completed")).as("the customer's columns, unchanged, and ours added")
                .containsEntry("note", "character varying").containsEntry("qty", "integer").containsEntry("price", "numeric")
                .containsEntry("day", "date").containsKeys("received_at", "uuid_ts");
        assertThat(value("select count(*) from %s.order_completed where id = 'e1'")).as("replaced, not duplicated").isEqualTo(1L);
        assertThat(value("select note || ' ' || qty || ' ' || price || ' ' || day from %s.order_completed where id = 'e1'"))
                .isEqualTo("again 2 2.50 2024-05-02");
        assertThat(value("select note || ' ' || price || ' ' || day from %s.order_completed where id = 'e2'"))
                .isEqualTo("a note longer th 20.00 2024-05-01");
        assertThat(value("select qty from %s.order_completed where id = 'e2'")).isNull();
        // a TIMESTAMPTZ column holds the instant sent
        assertThat(value("select extract(epoch from at_zoned) from %s.order_completed where id = 'e2'").toString())
                .startsWith(Long.toString(java.time.Instant.parse("2024-05-01T10:00:00Z").getEpochSecond()));
        assertThat(value("select reason from %s.discards where row_id = 'e2' and column_name = 'qty'"))
                .isEqualTo("a whole number out of range for an integer column");
        assertThat(value("select note from %s.order_completed where id = 'e3' and price is null")).as("the row, without the price").isEqualTo("big");
        assertThat(value("select reason from %s.discards where row_id = 'e3' and column_name = 'price'"))
                .isEqualTo("a number out of range for a numeric(10,2) column");
        assertThat(loaded.rowsPerTable()).containsEntry("order_completed", 3L);
    }

    /**
     * A JSON column of the customer's (SUPER on Redshift, jsonb on PostgreSQL) takes each value as
     * its JSON text, which the warehouse parses: arrays, strings, numbers. bigPicture never makes one.
     */
    @Test
    void aJsonColumnTheCustomerMadeTakesEachValueAsJson() throws Exception {
        try (Statement statement = warehouse.createStatement()) {
            statement.execute("CREATE SCHEMA \"" + schema + "\"");
            statement.execute("CREATE TABLE \"" + schema + "\".order_completed (id VARCHAR(512), items " + jsonColumnType()
                    + ", note " + jsonColumnType() + ")");
        }

        WarehouseLoad.Loaded loaded = load(
                track("j1", "Order Completed", "{\"items\":[{\"sku\":\"a,b\",\"qty\":2}],\"note\":\"gift \\\"wrap\\\"\"}"),
                track("j2", "Order Completed", "{\"items\":[],\"note\":12.5}"));

        assertThat(loaded.rowsPerTable()).containsEntry("order_completed", 2L);
        assertThat(JSON.readTree(value("select " + jsonText("items") + " from %s.order_completed where id = 'j1'").toString()))
                .isEqualTo(JSON.readTree("[{\"sku\":\"a,b\",\"qty\":2}]"));
        assertThat(JSON.readTree(value("select " + jsonText("note") + " from %s.order_completed where id = 'j1'").toString()))
                .isEqualTo(JSON.readTree("\"gift \\\"wrap\\\"\""));
        assertThat(JSON.readTree(value("select " + jsonText("note") + " from %s.order_completed where id = 'j2'").toString()).decimalValue())
                .isEqualByComparingTo("12.5");
        assertThat(value("select count(*) from %s.discards")).isIn(0L, 0);
    }

    /**
     * A warehouse set to make wider text columns: new ones are made that wide and take text up to
     * it; a column made before keeps its width and its cut.
     */
    @Test
    void aWarehouseSetToWiderTextColumnsMakesNewOnesThatWideAndOlderOnesKeepTheirs() throws Exception {
        String text = "é".repeat(3000);
        load(track("v1", "Noted", "{\"before\":\"" + text + "\"}"));
        load = warehouseLoad(new S3LoadFileStore(loadFilePrefix), Optional.empty(), new VarcharLength(8192));

        load(track("v2", "Noted", "{\"before\":\"" + text + "\",\"after\":\"" + text + "\"}"));

        assertThat(characterLengths("noted")).containsEntry("before", 512).containsEntry("after", 8192);
        assertThat(value("select octet_length(after) from %s.noted where id = 'v2'")).as("all 6 000 bytes").isIn(6000, 6000L);
        assertThat(value("select before from %s.noted where id = 'v2'").toString()).as("cut to its own width, in the dialect's unit")
                .isIn("é".repeat(256), "é".repeat(512));
    }

    /**
     * Segment's loader made {@code tracks}, with its own columns and a row our events carry again
     * (both loaders ran during the switch-over): the table goes on, once per id, and the columns we
     * have no value for, such as {@code loaded_at}, are left as they are.
     */
    @Test
    void aTracksTableSegmentMadeGoesOnWithOneRowPerId() throws Exception {
        try (Statement statement = warehouse.createStatement()) {
            statement.execute("CREATE SCHEMA \"" + schema + "\"");
            statement.execute("CREATE TABLE \"" + schema + "\".tracks (id VARCHAR(1024), anonymous_id VARCHAR(1024), user_id VARCHAR(1024),"
                    + " event VARCHAR(1024), event_text VARCHAR(1024), received_at TIMESTAMPTZ, sent_at TIMESTAMPTZ, \"timestamp\" TIMESTAMPTZ,"
                    + " original_timestamp TIMESTAMPTZ, uuid_ts TIMESTAMP, loaded_at TIMESTAMPTZ, context_library_name VARCHAR(256))");
            statement.execute("INSERT INTO \"" + schema + "\".tracks (id, user_id, event, event_text, received_at, loaded_at, context_library_name)"
                    + " VALUES ('s1', 'u1', 'signed_up', 'Signed Up', '2024-04-30 10:00:00+00', '2024-04-30 11:00:00+00', 'analytics.js'),"
                    + " ('s0', 'u0', 'signed_up', 'Signed Up', '2024-04-29 10:00:00+00', '2024-04-29 11:00:00+00', 'analytics.js')");
        }

        load(track("s1", "Signed Up", "{}"), track("s2", "Signed Up", "{}"));

        assertThat(value("select count(*) from %s.tracks")).as("s0 and s1 once each, and s2").isIn(3L, 3);
        assertThat(value("select count(*) from %s.tracks where id = 's1'")).isIn(1L, 1);
        assertThat(value("select event_text || ' ' || user_id from %s.tracks where id = 's2'")).isEqualTo("Signed Up u1");
        assertThat(value("select loaded_at from %s.tracks where id = 's2'")).as("Segment's own column, not ours to fill").isNull();
        assertThat(value("select loaded_at is not null from %s.tracks where id = 's0'")).as("rows we did not touch stay").isEqualTo(true);
        assertThat(columns("tracks")).containsEntry("loaded_at", "timestamp with time zone").containsEntry("received_at", "timestamp with time zone");
    }

    @Test
    void textLosesItsNulsAndLoneSurrogatesTheRowLoadsAndTheDiscardsSaySo() throws Exception {
        WarehouseLoad.Loaded loaded = load(message(EventType.TRACK, """
                {"messageId":"z1","userId":"u\\u0000x","event":"Clicked\\u0000Twice","receivedAt":"2024-05-01T10:00:00Z",
                 "properties":{"x":"a\\u0000b","y":"c\\ud800d","z":"plain"}}"""), track("z2", "Clicked Twice", "{\"x\":\"clean\"}"));

        assertThat(loaded.rowsPerTable()).containsEntry("tracks", 2L).containsEntry("clicked_twice", 2L);
        assertThat(value("select x || ' ' || y || ' ' || z from %s.clicked_twice where id = 'z1'")).isEqualTo("ab c\uFFFDd plain");
        assertThat(value("select user_id || ' ' || event_text from %s.tracks where id = 'z1'")).isEqualTo("ux ClickedTwice");
        assertThat(value("select reason || ' ' || value from %s.discards where row_id = 'z1' and table_name = 'clicked_twice' and column_name = 'x'"))
                .isEqualTo(io.bigpicture.warehouse.Utf8.NUL_REMOVED + " \"a\\u0000b\"");
        assertThat(value("select reason from %s.discards where row_id = 'z1' and table_name = 'clicked_twice' and column_name = 'y'"))
                .isEqualTo(io.bigpicture.warehouse.Utf8.LONE_SURROGATE_REPLACED);
        assertThat(value("select count(*) from %s.discards where row_id = 'z2'")).as("nothing changed, nothing said").isIn(0L, 0);
    }

    @Test
    void numbersAndDatesPastWhatTheWarehouseStoresAreDiscardedAndTheRestOfTheRowLoads() throws Exception {
        load(track("v1", "E", "{\"big\":1,\"d\":1.5,\"at\":\"2024-05-01T10:00:00Z\"}"));
        WarehouseLoad.Loaded loaded = load(
                track("v2", "E", "{\"big\":123456789012345678901234567890,\"d\":1e308,\"at\":\"0001-01-01T00:00:00Z\",\"s\":\"kept\"}"),
                track("v3", "E", "{\"d\":5e-324,\"at\":\"9999-12-31T23:59:59Z\",\"neg\":-0.0}"),
                track("v4", "E", "{\"d\":-1e308,\"at\":\"0000-06-01T00:00:00Z\"}"));

        assertThat(loaded.rowsPerTable()).containsEntry("e", 3L);
        assertThat(value("select count(*) from %s.e where id = 'v2' and big is null and s = 'kept'")).isIn(1L, 1);
        assertThat(value("select d from %s.e where id = 'v2'")).isEqualTo(1e308);
        assertThat(value("select to_char(at, 'YYYY-MM-DD') from %s.e where id = 'v2'")).isEqualTo("0001-01-01");
        assertThat(value("select to_char(at, 'YYYY-MM-DD') from %s.e where id = 'v3'")).isEqualTo("9999-12-31");
        assertThat(value("select count(*) from %s.e where id = 'v3' and d is null")).isIn(1L, 1);
        assertThat(value("select d from %s.e where id = 'v4'")).isEqualTo(-1e308);
        assertThat(value("select string_agg(row_id || '.' || column_name || ': ' || reason, ', ' order by row_id) from %s.discards"
                + " where table_name = 'e'")).isEqualTo("v2.big: a whole number out of range for a bigint column, "
                + "v3.d: a number too close to zero for a double precision column, "
                + "v4.at: a date-time outside the years 1 to 9999 for a timestamp column");
    }

    @Test
    void sentNamesThatMapToOneColumnFillItWithTheFirstAndTheOthersAreDiscardedAsNameClashes() throws Exception {
        load(track("k1", "E", "{\"\":1,\" \":2,\"a.b\":3,\"a_b\":4,\"A\":5,\"a\":6}"));

        assertThat(value("select _ from %s.e")).isEqualTo(1L);
        assertThat(value("select a_b from %s.e")).isEqualTo(3L);
        assertThat(value("select a from %s.e")).isEqualTo(5L);
        assertThat(value("select string_agg(column_name || '=' || value, ',' order by value) from %s.discards where reason = 'name clash'"))
                .isEqualTo("_=2,a_b=4,a=6");
    }

    /**
     * A table made by someone else with a NOT NULL column a row has no value for: the warehouse
     * refuses that row, which goes to discards with the warehouse's own words, and every other row
     * of the table loads in the same sync; so does the table the next time. A value holding a
     * newline before it makes a record of two lines: the warehouse counts lines, not records. A
     * number too large for its NUMERIC never reaches the warehouse: it alone is discarded.
     */
    @Test
    void aRowTheWarehouseRefusesIsLeftOutWithItsReasonAndTheRestOfTheTableLoads() throws Exception {
        load(track("q0", "Other", "{}"));
        execute("create table %s.priced (id varchar(64), received_at timestamp, price numeric(5,2), note varchar(3), sku varchar(8) not null)");

        WarehouseLoad.Loaded loaded = load(track("q3", "Priced", "{\"price\":1,\"sku\":\"a\"}"),
                track("q1", "Priced", "{\"price\":12.5,\"note\":\"a\\nbcdef\",\"sku\":\"b\"}"),
                track("q2", "Priced", "{\"price\":2}"),
                track("q5", "Priced", "{\"price\":12345.5,\"sku\":\"c\"}"));

        assertThat(loaded.failedTables()).isEmpty();
        assertThat(loaded.rowsPerTable()).containsEntry("priced", 3L).containsEntry("tracks", 4L);
        assertThat(value("select string_agg(id || '=' || note, ',') from %s.priced where id = 'q1'")).isEqualTo("q1=a\nb");
        assertThat(value("select count(*) from %s.priced where id = 'q3'")).isIn(1L, 1);
        assertThat(value("select count(*) from %s.discards where row_id = 'q2' and table_name = 'priced'")).isIn(1L, 1);
        assertThat((String) value("select reason from %s.discards where row_id = 'q2'")).isNotBlank();
        assertThat(value("select count(*) from %s.priced where id = 'q5' and price is null")).isIn(1L, 1);
        assertThat(value("select column_name || '=' || value || ': ' || reason from %s.discards where row_id = 'q5'"))
                .isEqualTo("price=12345.5: a number out of range for a numeric(5,2) column");
        assertThat(loaded.discardExamples()).anySatisfy(example -> assertThat(example.value()).isEqualTo("12345.5"));

        load(track("q4", "Priced", "{\"price\":2,\"sku\":\"d\"}"));
        assertThat(value("select count(*) from %s.priced")).isIn(4L, 4);
    }

    /**
     * A table made by someone else, with columns narrower than ours: values are fitted to them
     * (text cut, a whole number past INTEGER or a number past NUMERIC(5,2) discarded); rows the
     * database still refuses (a NOT NULL it has) go to discards with its own message, and every
     * other row loads in the same sync. Text is cut to the width as the warehouse counts it (Redshift in
     * bytes, PostgreSQL in characters: both keep "abc" of "abcdéf").
     */
    @Test
    void rowsFitTheColumnsOfATableMadeBySomeoneElseAndTheRowsItStillRefusesAreLeftOut() throws Exception {
        load(track("o0", "Other", "{}"));
        execute("create table %s.narrow (id varchar(64), received_at timestamp, code varchar(3), n integer, price numeric(5,2),"
                + " sku varchar(16) not null)");
        execute("create table %s.users (id varchar(64) not null, received_at timestamp, plan varchar(3))");

        WarehouseLoad.Loaded loaded = load(track("o1", "Narrow", "{\"code\":\"abc\",\"n\":1,\"sku\":\"s1\"}"),
                track("o2", "Narrow", "{\"code\":\"abcdéf\",\"n\":2,\"sku\":\"s2\"}"),
                track("o3", "Narrow", "{\"code\":\"xyz\",\"n\":3000000000,\"sku\":\"s3\"}"),
                track("o4", "Narrow", "{\"code\":\"ok\"}"),
                track("o5", "Narrow", "{\"price\":12345.5,\"sku\":\"s5\"}"),
                identify("i1", "u1", "2024-05-01T10:00:00Z", "{\"plan\":\"enterprise\"}"));

        assertThat(loaded.failedTables()).isEmpty();
        assertThat(loaded.rowsPerTable()).containsEntry("narrow", 4L).containsEntry("tracks", 5L).containsEntry("users", 1L);
        assertThat(value("select string_agg(id || '=' || code || '/' || coalesce(n::text, '-'), ',' order by id) from %s.narrow"))
                .isEqualTo("o1=abc/1,o2=abc/2,o3=xyz/-");
        assertThat(value("select plan from %s.users")).isEqualTo("ent");
        assertThat(value("select string_agg(row_id || '.' || column_name || ': ' || reason, '; ' order by row_id) from %s.discards"
                + " where table_name = 'narrow'")).asString()
                .matches(java.util.regex.Pattern.quote("o3.n: a whole number out of range for an integer column; ") + refusalsOfTheNarrowTable()
                        + java.util.regex.Pattern.quote("; o5.price: a number out of range for a numeric(5,2) column"));
        assertThat(loaded.discardsPerTable()).containsEntry("narrow", 3L);

        load(track("o6", "Narrow", "{\"code\":\"new\",\"sku\":\"s6\"}"));
        assertThat(value("select count(*) from %s.narrow")).isEqualTo(5L);
    }

    /**
     * The warehouse's words for the rows of {@link #rowsFitTheColumnsOfATableMadeBySomeoneElseAndTheRowsItStillRefusesAreLeftOut}
     * it refuses, as discards show them, as a regular expression: {@code o4.<column>: <words>}.
     */
    protected abstract String refusalsOfTheNarrowTable();

    protected long tablesInSchema() throws Exception {
        try (PreparedStatement statement = warehouse.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private long tablesNow() throws Exception {
        try (var result = warehouse.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE'")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    protected WarehouseLoad.Loaded load(Message... messages) throws Exception {
        return loadParts(CompiledFilters.NONE, List.of(messages));
    }

    protected WarehouseLoad.Loaded loadFiltered(CompiledFilters filters, Message... messages) throws Exception {
        return loadParts(filters, List.of(messages));
    }

    /** Each list is one staging file's messages. */
    @SafeVarargs
    protected final WarehouseLoad.Loaded loadParts(CompiledFilters filters, List<Message>... parts) throws Exception {
        BatchSchema staged = new BatchSchema();
        for (List<Message> part : parts) {
            for (Message message : part) {
                rowMapper.rows(message).forEach(staged::observe);
            }
        }
        Discards.addTo(staged);
        BatchSchema batch = load.filtered(staged, filters);
        SyncSteps steps = new SyncSteps();
        SchemaEvolution.Evolved evolved = load.evolveSchema(warehouse, schema, batch, steps);
        List<Messages> messages = new ArrayList<>();
        for (List<Message> part : parts) {
            messages.add(sink -> part.forEach(sink));
        }
        int slices;
        try (Connection connection = connect()) {
            slices = load.slices(connection);
        }
        return load.loadRows(this::connect, slices, schema, evolved, messages, filters,
                Instant.parse("2024-07-01T00:00:00Z"), directory, steps);
    }

    protected static Message track(String id, String event, String properties) throws Exception {
        return track(id, event, "2024-05-01T10:00:00Z", properties);
    }

    private static Message track(String id, String event, String receivedAt, String properties) throws Exception {
        return message(EventType.TRACK, "{\"messageId\":\"" + id + "\",\"userId\":\"u1\",\"event\":\"" + event
                + "\",\"receivedAt\":\"" + receivedAt + "\",\"properties\":" + properties + "}");
    }

    protected static Message identify(String id, String userId, String receivedAt, String traits) throws Exception {
        return message(EventType.IDENTIFY, "{\"messageId\":\"" + id + "\",\"userId\":\"" + userId
                + "\",\"receivedAt\":\"" + receivedAt + "\",\"traits\":" + traits + "}");
    }

    protected static Message message(EventType type, String json) throws Exception {
        return new Message(type, (ObjectNode) JSON.readTree(json));
    }

    private Map<String, String> columns(String table) throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = warehouse.prepareStatement(
                "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.put(result.getString(1), result.getString(2));
                }
            }
        }
        return columns;
    }

    private Map<String, Integer> characterLengths(String table) throws Exception {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        try (PreparedStatement statement = warehouse.prepareStatement("select column_name, character_maximum_length from information_schema.columns"
                + " where table_schema = ? and table_name = ? and character_maximum_length is not null")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    lengths.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return lengths;
    }

    protected String schema() {
        return schema;
    }

    protected Connection warehouse() {
        return warehouse;
    }

    protected void execute(String sqlWithSchema) throws Exception {
        try (var statement = warehouse.createStatement()) {
            statement.execute(String.format(sqlWithSchema, "\"" + schema + "\""));
        }
    }

    protected Object value(String sqlWithSchema) throws Exception {
        try (ResultSet result = warehouse.createStatement().executeQuery(String.format(sqlWithSchema, "\"" + schema + "\""))) {
            return result.next() ? result.getObject(1) : null;
        }
    }
}
