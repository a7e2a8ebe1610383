package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SchemaLimitsTest {

    private static final UnaryOperator<String> SAME_NAME = name -> name;

    @Test
    void aColumnLimitSetInTheSettingsMayNotPassTheDatabasesOwn() {
        assertThat(new SchemaLimits(1580, 9900).withColumnsPerTable(1000)).isEqualTo(new SchemaLimits(1000, 9900));
        assertThat(new SchemaLimits(1580, Integer.MAX_VALUE).withColumnsPerTable(1600).columnsPerTable()).isEqualTo(1600);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SchemaLimits(1580, 9900).withColumnsPerTable(1601))
                .hasMessage("a table may have at most 1600 columns, not 1601");
    }

    @Test
    void aTableAtItsLimitKeepsItsColumnsAndGetsNoNewOnes() {
        Map<String, Map<String, ColumnType>> existing = Map.of("orders", columns("id", "received_at", "uuid_ts", "price"));
        BatchSchema batch = batch("orders", "id", "received_at", "uuid_ts", "price", "coupon", "channel", "note");

        SchemaLimits.Fitted fitted = new SchemaLimits(5, 100).fit(batch, existing, 10, SAME_NAME);

        assertThat(fitted.batch().table("orders").orElseThrow()).containsOnlyKeys("id", "received_at", "uuid_ts", "price", "coupon");
        assertThat(fitted.leftOutColumns()).isEqualTo(Map.of("orders", Map.of("channel", SchemaLimits.COLUMN_LIMIT, "note", SchemaLimits.COLUMN_LIMIT)));
        assertThat(fitted.inWords(new SchemaLimits(5, 100))).singleElement().asString()
                .startsWith("table orders has the most columns it may have (5): 2 new columns were not created (channel, note)");
    }

    @Test
    void aNewTablePastTheWarehousesLimitIsNotCreatedWhileExistingTablesLoad() {
        Map<String, Map<String, ColumnType>> existing = Map.of("orders", columns("id", "received_at", "uuid_ts"));
        BatchSchema batch = batch("orders", "id", "received_at", "uuid_ts");
        batch.merge(batch("views", "id", "received_at", "uuid_ts"));
        batch.merge(batch("clicks", "id", "received_at", "uuid_ts"));

        SchemaLimits.Fitted fitted = new SchemaLimits(100, 11).fit(batch, existing, 10, SAME_NAME);

        assertThat(fitted.batch().tables()).containsOnlyKeys("orders", "views");
        assertThat(fitted.leftOutTables()).containsOnlyKeys("clicks");
    }

    @Test
    void aSourceMakesAtMostItsCapOfNewTablesAndColumnsPerSyncAndInItsSchema() {
        Map<String, Map<String, ColumnType>> existing = Map.of("orders", columns("id", "received_at", "uuid_ts", "price"));
        BatchSchema batch = batch("orders", "id", "received_at", "uuid_ts", "price", "coupon", "note");
        batch.merge(batch("viewed_1", "id", "received_at", "uuid_ts", "sku"));
        batch.merge(batch("viewed_2", "id", "received_at", "uuid_ts", "sku"));
        SchemaLimits limits = new SchemaLimits(100, 1000, new SchemaLimits.SourceCaps(1, 1000, 3, 100_000));

        SchemaLimits.Fitted fitted = limits.fit(batch, existing, 10, SAME_NAME);

        assertThat(fitted.batch().tables()).containsOnlyKeys("orders", "viewed_1");
        assertThat(fitted.leftOutTables()).isEqualTo(Map.of("viewed_2", SchemaLimits.TOO_MANY_TABLES));
        // coupon, note, then viewed_1's columns: the standard ones always, sku past the cap
        assertThat(fitted.batch().table("orders").orElseThrow()).containsOnlyKeys("id", "received_at", "uuid_ts", "price", "coupon", "note");
        assertThat(fitted.batch().table("viewed_1").orElseThrow()).containsOnlyKeys("id", "received_at", "uuid_ts");
        assertThat(fitted.columnLeftOut("viewed_1", "sku")).contains(SchemaLimits.TOO_MANY_COLUMNS);
        assertThat(fitted.inWords(limits)).hasSize(2).anySatisfy(words -> assertThat(words)
                .startsWith("the source made more new tables than it may (1 per sync, 1000 in its schema): 1 were not created (viewed_2)"));

        SchemaLimits full = new SchemaLimits(100, 1000, new SchemaLimits.SourceCaps(10, 1, 1000, 5));
        SchemaLimits.Fitted atSchemaCaps = full.fit(batch, existing, 10, SAME_NAME);
        assertThat(atSchemaCaps.batch().tables()).as("the schema has the one table it may").containsOnlyKeys("orders");
        assertThat(atSchemaCaps.leftOutColumns()).isEqualTo(Map.of("orders", Map.of("note", SchemaLimits.TOO_MANY_COLUMNS)));
    }

    @Test
    void theColumnsTheLoaderNeedsAreNeverLeftOutAndComeFirst() {
        BatchSchema batch = batch("orders", "price", "coupon", "id", "received_at", "uuid_ts");

        SchemaLimits.Fitted fitted = new SchemaLimits(4, 100).fit(batch, Map.of(), 0, SAME_NAME);

        assertThat(fitted.batch().table("orders").orElseThrow()).containsOnlyKeys("id", "received_at", "uuid_ts", "price");
        assertThat(fitted.leftOutColumns()).isEqualTo(Map.of("orders", Map.of("coupon", SchemaLimits.COLUMN_LIMIT)));
    }

    /** Nothing is lost without a word: every column is loaded or said to be left out, and no table grows past the limit. */
    @Property(tries = 300)
    void everyColumnIsKeptOrLeftOutAndNoTableGrowsPastTheLimit(@ForAll @IntRange(min = 3, max = 30) int limit,
                                                               @ForAll @IntRange(min = 0, max = 40) int existingColumns,
                                                               @ForAll @IntRange(min = 0, max = 40) int newColumns) {
        Map<String, ColumnType> there = columns("id", "received_at", "uuid_ts");
        for (int i = 0; i < existingColumns; i++) {
            there.put("old_" + i, ColumnType.VARCHAR);
        }
        BatchSchema batch = new BatchSchema();
        Map<String, ColumnType> wanted = new LinkedHashMap<>(there);
        for (int i = 0; i < newColumns; i++) {
            wanted.put("new_" + i, ColumnType.BIGINT);
        }
        batch.require("t", wanted);

        SchemaLimits.Fitted fitted = new SchemaLimits(limit, 10).fit(batch, Map.of("t", there), 1, SAME_NAME);

        Set<String> kept = fitted.batch().table("t").orElseThrow().keySet();
        Set<String> leftOut = new HashSet<>(fitted.leftOutColumns().getOrDefault("t", Map.of()).keySet());
        assertThat(kept.stream().filter(leftOut::contains)).as("kept and left out").isEmpty();
        Set<String> all = new HashSet<>(kept);
        all.addAll(leftOut);
        assertThat(all).isEqualTo(wanted.keySet());
        assertThat(kept).containsAll(there.keySet());
        assertThat(kept.size()).isLessThanOrEqualTo(Math.max(limit, there.size()));
    }

    private static BatchSchema batch(String table, String... columns) {
        BatchSchema batch = new BatchSchema();
        batch.require(table, columns(columns));
        return batch;
    }

    private static Map<String, ColumnType> columns(String... names) {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        for (String name : names) {
            columns.put(name, name.equals("received_at") || name.equals("uuid_ts") ? ColumnType.TIMESTAMP : ColumnType.VARCHAR);
        }
        return columns;
    }
}
