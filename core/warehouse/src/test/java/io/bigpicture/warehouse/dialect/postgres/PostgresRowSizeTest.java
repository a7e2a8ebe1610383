package io.bigpicture.warehouse.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PostgresRowSizeTest {

    @Test
    void aPostgresRowTakesNoMoreEightByteValuesThanItsPageHolds() {
        RowSize.Budget row = new PostgresRowSize().newRow();

        int taken = 0;
        while (row.take(ColumnType.DOUBLE_PRECISION, "1.5")) {
            taken++;
        }

        // 1 400 of them are 11 200 bytes, PostgreSQL's "row is too big: size 12680, maximum size 8160"
        assertThat(taken).isEqualTo((8160 - 224) / 8);
        assertThat(row.take(ColumnType.BOOLEAN, "true")).isFalse();
    }

    @Test
    void longTextCountsAsWhatTheDatabaseMovesOutOfTheRow() {
        RowSize.Budget row = new PostgresRowSize().newRow();

        int taken = 0;
        while (row.take(ColumnType.VARCHAR, "x".repeat(500))) {
            taken++;
        }

        assertThat(taken).isEqualTo((8160 - 224) / 24);
    }

    /**
     * Whatever the table's column order, the values taken fit PostgreSQL's layout: each 8-byte
     * value aligned to 8, booleans and short texts (one-byte header) unaligned, long texts moved
     * out of the row to an 18-byte pointer.
     */
    @Property
    void whatTheCountTakesFitsInAnyColumnOrder(@ForAll @Size(max = 1500) List<@StringLength(max = 40) String> texts,
                                               @ForAll @Size(max = 1500) List<ColumnType> types, @ForAll long order) {
        RowSize.Budget row = new PostgresRowSize().newRow();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < Math.min(texts.size(), types.size()); i++) {
            if (row.take(types.get(i), texts.get(i))) {
                int textBytes = 1 + texts.get(i).getBytes(StandardCharsets.UTF_8).length;
                sizes.add(switch (types.get(i)) {
                    case BOOLEAN -> 1;
                    case VARCHAR -> textBytes <= 24 ? textBytes : 18;
                    default -> -8; // negative: aligned
                });
            }
        }
        Collections.shuffle(sizes, new Random(order));

        int offset = 0;
        for (int size : sizes) {
            offset = size < 0 ? (offset + 7) / 8 * 8 - size : offset + size;
        }
        assertThat(offset).isLessThanOrEqualTo(8160 - 224);
    }

    /** The same with the worst order there is: every 8-byte value after a one-byte one. */
    @Test
    void alternatingWidthsFit() {
        RowSize.Budget row = new PostgresRowSize().newRow();
        int offset = 0;
        for (int i = 0; ; i++) {
            ColumnType type = i % 2 == 0 ? ColumnType.BOOLEAN : ColumnType.BIGINT;
            if (!row.take(type, "1")) {
                break;
            }
            offset = type == ColumnType.BOOLEAN ? offset + 1 : (offset + 7) / 8 * 8 + 8;
        }
        assertThat(offset).isLessThanOrEqualTo(8160 - 224).isGreaterThan(8160 - 224 - 16);
    }

    @Test
    void redshiftRowsHoldWhatOurColumnsCanCarry() {
        RowSize.Budget row = RowSize.UNLIMITED.newRow();

        for (int i = 0; i < SchemaLimits.DATABASE_COLUMNS; i++) {
            assertThat(row.take(ColumnType.VARCHAR, "é".repeat(256))).isTrue();
        }
    }
}
