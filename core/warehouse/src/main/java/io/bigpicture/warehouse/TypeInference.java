package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.events.Timestamps;
import java.util.Optional;

/**
 * The type of a new column, from the first value seen for it: one that takes the value (a date
 * no warehouse stores makes text).
 */
public final class TypeInference {

    private TypeInference() {
    }

    /** Empty for null, which creates no column. */
    public static Optional<ColumnType> typeOf(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.canConvertToLong() ? ColumnType.BIGINT : ColumnType.DOUBLE_PRECISION);
        }
        if (value.isNumber()) {
            return Optional.of(ColumnType.DOUBLE_PRECISION);
        }
        if (value.isBoolean()) {
            return Optional.of(ColumnType.BOOLEAN);
        }
        if (value.isTextual() && Timestamps.parse(value.asText()).filter(TypeCoercion::isStorable).isPresent()) {
            return Optional.of(ColumnType.TIMESTAMP);
        }
        return Optional.of(ColumnType.VARCHAR);
    }
}
