package io.bigpicture.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.events.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fitting a value into a column whose type is already decided: converted when nothing is lost
 * ({@code "99"} into BIGINT, {@code 99} into VARCHAR, {@code "true"} into BOOLEAN), discarded
 * otherwise. Text is cut to {@link ColumnType#VARCHAR_BYTES} bytes on a character boundary.
 */
public final class TypeCoercion {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,19}");
    /** Both PostgreSQL and Redshift read this, in UTC. */
    private static final DateTimeFormatter TIMESTAMP_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private TypeCoercion() {
    }

    public static Coerced coerce(JsonNode value, ColumnType target) {
        return switch (target) {
            case BIGINT -> toBigint(value);
            case DOUBLE_PRECISION -> toDouble(value);
            case BOOLEAN -> toBoolean(value);
            case TIMESTAMP -> toTimestamp(value);
            case VARCHAR -> new Coerced.Value(Utf8.truncate(value.isTextual() ? value.asText() : value.toString(), ColumnType.VARCHAR_BYTES));
        };
    }

    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP_TEXT.format(instant);
    }

    private static Coerced toBigint(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return new Coerced.Value(Long.toString(value.longValue()));
        }
        if (value.isFloatingPointNumber() && isWhole(value.decimalValue())) {
            return new Coerced.Value(value.decimalValue().toBigIntegerExact().toString());
        }
        if (value.isTextual() && WHOLE_NUMBER.matcher(value.asText().trim()).matches()) {
            try {
                return new Coerced.Value(Long.toString(Long.parseLong(value.asText().trim())));
            } catch (NumberFormatException outOfRange) {
                return discarded(ColumnType.BIGINT, "a whole number out of range");
            }
        }
        return discarded(ColumnType.BIGINT, "not a whole number");
    }

    private static boolean isWhole(BigDecimal number) {
        try {
            number.toBigIntegerExact().longValueExact();
            return true;
        } catch (ArithmeticException notWhole) {
            return false;
        }
    }

    private static Coerced toDouble(JsonNode value) {
        if (value.isNumber()) {
            return finite(value.doubleValue());
        }
        if (value.isTextual()) {
            try {
                return finite(Double.parseDouble(value.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return discarded(ColumnType.DOUBLE_PRECISION, "not a number");
            }
        }
        return discarded(ColumnType.DOUBLE_PRECISION, "not a number");
    }

    private static Coerced finite(double number) {
        return Double.isFinite(number) ? new Coerced.Value(Double.toString(number)) : discarded(ColumnType.DOUBLE_PRECISION, "not a finite number");
    }

    private static Coerced toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return new Coerced.Value(Boolean.toString(value.booleanValue()));
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return new Coerced.Value(text);
            }
        }
        return discarded(ColumnType.BOOLEAN, "not true or false");
    }

    private static Coerced toTimestamp(JsonNode value) {
        Optional<Instant> instant = value.isTextual() ? Timestamps.parse(value.asText()) : Optional.empty();
        return instant.<Coerced>map(time -> new Coerced.Value(formatTimestamp(time)))
                .orElseGet(() -> discarded(ColumnType.TIMESTAMP, "not an ISO-8601 date-time"));
    }

    private static Coerced discarded(ColumnType column, String what) {
        return new Coerced.Discarded(what + " for a " + column.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " column");
    }
}
