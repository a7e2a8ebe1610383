package io.bigpicture.warehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigpicture.events.EventType;
import io.bigpicture.events.Message;
import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRule;
import io.bigpicture.warehouse.filter.DestinationFilters.EventRules;
import io.bigpicture.warehouse.filter.DestinationFilters.PropertyRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CompiledFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Message message(EventType type, String json) throws Exception {
        return new Message(type, (ObjectNode) JSON.readTree(json));
    }

    private static CompiledFilters filters(EventRules events, List<PropertyRule> properties) {
        return CompiledFilters.compile(new DestinationFilters(events, properties, List.of(), List.of()), "Redshift", "analytics");
    }

    private static Map<String, Long> counted(FilterCounts counts) {
        Map<String, Long> total = new LinkedHashMap<>();
        counts.addTo(total);
        return total;
    }

    @Test
    void aBlockListKeepsOutWhatMatchesAndCountsItUnderItsRule() throws Exception {
        CompiledFilters filters = filters(new EventRules(EventRules.Mode.BLOCK,
                List.of(new EventRule(List.of("track"), "Debug *"), new EventRule(List.of("page"), null))), List.of());
        FilterCounts counts = new FilterCounts();

        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"debug click\"}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"Debug Scroll\"}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"Order Completed\"}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.PAGE, "{\"name\":\"Home\"}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.IDENTIFY, "{\"userId\":\"u\"}"), counts)).isTrue();

        assertThat(counted(counts)).containsExactly(Map.entry("events: block track named 'Debug *'", 2L), Map.entry("events: block page", 1L));
    }

    @Test
    void anAllowListLetsInOnlyWhatMatches() throws Exception {
        CompiledFilters filters = filters(new EventRules(EventRules.Mode.ALLOW,
                List.of(new EventRule(List.of("identify"), null), new EventRule(List.of(), "Order *"))), List.of());
        FilterCounts counts = new FilterCounts();

        assertThat(filters.admits(message(EventType.IDENTIFY, "{}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"Order Completed\"}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.SCREEN, "{\"name\":\"Order Details\"}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"Signed Up\"}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.GROUP, "{}"), counts)).isFalse();
        assertThat(counted(counts)).containsExactly(Map.entry("events: in no allow rule", 2L));
    }

    @Test
    void theMessagesIntegrationsObjectDecidesByWarehouseNameThenKindThenAll() throws Exception {
        CompiledFilters filters = filters(EventRules.NONE, List.of());
        FilterCounts counts = new FilterCounts();

        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"All\":false}}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"All\":true,\"Redshift\":false}}"), counts)).isFalse();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"All\":false,\"Redshift\":true}}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"Redshift\":false,\"analytics\":{}}}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"Postgres\":false}}"), counts)).isTrue();
        assertThat(filters.admits(message(EventType.TRACK, "{\"event\":\"E\",\"integrations\":{\"All\":false,\"analytics\":true}}"), counts)).isTrue();
        assertThat(counted(counts)).containsExactly(Map.entry(CompiledFilters.INTEGRATIONS_RULE, 2L));
    }

    @Test
    void propertyRulesDropOrHashTheNamedFieldsOfTheMessagesThatHaveThem() throws Exception {
        CompiledFilters filters = filters(EventRules.NONE, List.of(new PropertyRule("context.ip", PropertyRule.Action.DROP),
                new PropertyRule("properties.email", PropertyRule.Action.HASH), new PropertyRule("traits.address.street", PropertyRule.Action.DROP)));
        FilterCounts counts = new FilterCounts();
        Message track = message(EventType.TRACK, "{\"event\":\"E\",\"context\":{\"ip\":\"1.2.3.4\",\"locale\":\"de\"},\"properties\":{\"email\":\"a@b.c\"}}");
        Message identify = message(EventType.IDENTIFY, "{\"traits\":{\"email\":\"a@b.c\",\"address\":{\"street\":\"Main\",\"city\":\"X\"}}}");

        filters.rewrite(track, counts);
        filters.rewrite(identify, counts);

        assertThat(track.context().has("ip")).isFalse();
        assertThat(track.context().get("locale").asText()).isEqualTo("de");
        assertThat(track.payload().get("email").asText()).isEqualTo(sha256("a@b.c")).hasSize(64);
        assertThat(identify.payload().get("email").asText()).as("properties.* is not traits.*").isEqualTo("a@b.c");
        assertThat(identify.payload().get("address").has("street")).isFalse();
        assertThat(identify.payload().get("address").get("city").asText()).isEqualTo("X");
        assertThat(counted(counts)).containsExactly(Map.entry("properties: drop context.ip", 1L), Map.entry("properties: hash properties.email", 1L),
                Map.entry("properties: drop traits.address.street", 1L));
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theBatchLosesExcludedTablesAndColumnsAndDroppedPropertiesAndAHashedOneIsText() {
        BatchSchema batch = new BatchSchema();
        batch.require("tracks", Map.of("id", ColumnType.VARCHAR, "context_ip", ColumnType.VARCHAR));
        batch.require("order_completed", Map.of("id", ColumnType.VARCHAR, "context_ip", ColumnType.VARCHAR, "price", ColumnType.BIGINT,
                "email", ColumnType.BIGINT, "coupon", ColumnType.VARCHAR));
        batch.require("debug_click", Map.of("id", ColumnType.VARCHAR));
        CompiledFilters filters = CompiledFilters.compile(new DestinationFilters(EventRules.NONE,
                List.of(new PropertyRule("context.ip", PropertyRule.Action.DROP), new PropertyRule("properties.email", PropertyRule.Action.HASH)),
                List.of("debug_click"), List.of("order_completed.coupon")), "Postgres", "dw");

        BatchSchema pruned = filters.prune(batch, UnaryOperator.identity());

        assertThat(pruned.tables().keySet()).containsExactlyInAnyOrder("tracks", "order_completed");
        assertThat(pruned.table("tracks").orElseThrow()).containsOnlyKeys("id");
        assertThat(pruned.table("order_completed").orElseThrow())
                .containsExactlyInAnyOrderEntriesOf(Map.of("id", ColumnType.VARCHAR, "price", ColumnType.BIGINT, "email", ColumnType.VARCHAR));
        FilterCounts counts = new FilterCounts();
        assertThat(filters.excludes("debug_click", counts)).isTrue();
        assertThat(filters.excludes("order_completed", counts)).isFalse();
        assertThat(counted(counts)).containsExactly(Map.entry("selective sync: table debug_click", 1L));
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingWhere() {
        DestinationFilters bad = new DestinationFilters(new EventRules(EventRules.Mode.BLOCK, List.of(new EventRule(List.of("click"), "Debug \\"),
                new EventRule(List.of(), null))), List.of(new PropertyRule("ip", PropertyRule.Action.DROP), new PropertyRule("properties..x", PropertyRule.Action.HASH)),
                List.of("nope"), List.of("tracks.nope", "tracks.id", "tracks"));

        assertThat(bad.problems(Map.of("tracks", Set.of("id", "context_ip")))).containsExactly(
                "events.rules[0].types: click is not a call type (track, identify, page, screen, group, alias)",
                "events.rules[0].name: the pattern Debug \\ ends in a lone \\ (write \\\\ for a backslash)",
                "events.rules[1]: give types, a name pattern or both",
                "properties[0].path: ip does not start with context., properties. or traits.",
                "properties[1].path: properties..x has an empty part",
                "excludedTables: the warehouse has no table nope for this source",
                "excludedColumns: the warehouse has no column nope in table tracks for this source",
                "excludedColumns: tracks.id is needed to load the table (leave out the table instead)",
                "excludedColumns: tracks is not table.column");
        assertThat(new DestinationFilters(new EventRules(EventRules.Mode.ALLOW, List.of()), List.of(), List.of(), List.of()).problems(Map.of()))
                .containsExactly("events: an allow list needs at least one rule (with none, nothing would load; switch the source off instead)");
        assertThat(DestinationFilters.NONE.problems(Map.of())).isEmpty();
    }

    @Test
    void filtersGoToJsonAndBackAndTheirChangesAreNamed() {
        DestinationFilters before = new DestinationFilters(new EventRules(EventRules.Mode.BLOCK, List.of(new EventRule(List.of("track"), "Debug *"))),
                List.of(new PropertyRule("context.ip", PropertyRule.Action.DROP)), List.of(), List.of());
        DestinationFilters after = new DestinationFilters(new EventRules(EventRules.Mode.BLOCK, List.of(new EventRule(List.of("track"), "Test *"))),
                List.of(new PropertyRule("context.ip", PropertyRule.Action.DROP)), List.of("debug_click"), List.of());

        assertThat(DestinationFilters.fromJson(JSON, after.toJson(JSON))).isEqualTo(after);
        assertThat(DestinationFilters.fromJson(JSON, "{}")).isEqualTo(DestinationFilters.NONE);
        assertThat(after.changesFrom(before)).containsExactly("added events: block track named 'Test *'",
                "removed events: block track named 'Debug *'", "added selective sync: table debug_click");
        assertThat(after.changesFrom(after)).isEmpty();
    }

    @Test
    void anEventTableGoesOnlyWhenEveryNameBehindItIsBlockedAndItsNamesAreKnown() throws Exception {
        BatchSchema batch = BatchSchema.fromJson(JSON.readTree("""
                {"debug_click": {"id": "VARCHAR", "@event_names": ["Debug Click", "debug click"]},
                 "order_completed": {"id": "VARCHAR", "@event_names": ["Order Completed"]},
                 "debug_mixed": {"id": "VARCHAR", "@event_names": ["Debug Mixed", "debug_mixed"]},
                 "debug_old": {"id": "VARCHAR"},
                 "tracks": {"id": "VARCHAR"}}"""));
        assertThat(BatchSchema.fromJson(batch.toJson(JSON)).eventNames("debug_click")).contains(Set.of("Debug Click", "debug click"));
        assertThat(batch.eventNames("debug_old")).as("a file from before names were kept").isEmpty();

        BatchSchema pruned = filters(new EventRules(EventRules.Mode.BLOCK, List.of(new EventRule(List.of("track"), "Debug *"))), List.of())
                .prune(batch, UnaryOperator.identity());
        assertThat(pruned.tables().keySet()).containsExactly("order_completed", "debug_mixed", "debug_old", "tracks");

        BatchSchema allowed = filters(new EventRules(EventRules.Mode.ALLOW, List.of(new EventRule(List.of("track"), "Order *"))), List.of())
                .prune(batch, UnaryOperator.identity());
        assertThat(allowed.tables().keySet()).containsExactly("order_completed", "debug_old", "tracks");
    }
}
