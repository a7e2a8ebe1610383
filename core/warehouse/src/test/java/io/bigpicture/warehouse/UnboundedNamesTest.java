package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnboundedNamesTest {

    @Test
    void manyNewTablesInOneSyncAreNamedWithTheAdviceToMoveTheVaryingPartIntoAProperty() {
        List<TableChange> applied = IntStream.rangeClosed(1, 21)
                .<TableChange>mapToObj(i -> new TableChange.CreateTable("shop", "ordered_product_" + i, Map.of("id", ColumnType.VARCHAR)))
                .toList();

        assertThat(UnboundedNames.inWords(applied, 3)).hasValueSatisfying(words -> assertThat(words)
                .startsWith("this sync created 21 new tables (ordered_product_1, ordered_product_2, ordered_product_3, ordered_product_4,"
                        + " ordered_product_5 and 16 more)")
                .endsWith("move the varying part into a property."));
        assertThat(UnboundedNames.inWords(applied.subList(0, 20), 3)).as("a busy day, not a pattern").isEmpty();
        assertThat(UnboundedNames.inWords(applied, 0)).as("a source's first load makes all its tables").isEmpty();
    }

    @Test
    void manyNewColumnsInOneSyncAreNamedToo() {
        Map<String, ColumnType> columns = new java.util.LinkedHashMap<>();
        IntStream.rangeClosed(1, 201).forEach(i -> columns.put("item_" + i + "_price", ColumnType.DOUBLE_PRECISION));

        assertThat(UnboundedNames.inWords(List.of(new TableChange.AddColumns("shop", "order_completed", columns)), 1))
                .hasValueSatisfying(words -> assertThat(words).startsWith("this sync added 201 new columns (order_completed.item_1_price,"));
    }
}
