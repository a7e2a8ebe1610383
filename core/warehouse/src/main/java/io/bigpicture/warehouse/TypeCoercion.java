package io.bigpicture.warehouse;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bigpicture.events.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fitting a value into a column whose type is already decided: converted when nothing is lost
 * ({@code "99"} into BIGINT, {@code 99} into VARCHAR, {@code "true"} into BOOLEAN), discarded
 * otherwise, and only ever into what both warehouses store: text without NUL or lone surrogates
 * (see {@link Utf8#loadable}) cut to {@link VarcharLength#MAX_LENGTH} bytes on a character
 * boundary (a narrower column cuts it further, see {@link ColumnBound.Text}), JSON as its text
 * without those characters either, whole numbers within BIGINT, finite doubles no closer to zero than the smallest normal
 * one (Redshift and PostgreSQL before 12 refuse the rest), and date-times of the years 1 to 9999
 * in UTC.
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
            case VARCHAR -> toText(value);
            case JSON -> toJson(value);
        };
    }

    /** Whether a date-time is one the warehouses store as our load files write it. */
    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(FIRST_STORABLE) && instant.isBefore(PAST_LAST_STORABLE);
    }

    private static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant PAST_LAST_STORABLE = Instant.parse("+10000-01-01T00:00:00Z");

    private static Coerced toText(JsonNode value) {
        String sent = value.isTextual() ? value.asText() : value.toString();
        String loadable = Utf8.loadable(sent);
        String text = Utf8.truncate(loadable, VarcharLength.MAX_LENGTH);
        // the cut is the column's width, not worth a discards row; a changed character is
        return loadable == sent ? new Coerced.Value(text) : new Coerced.Altered(text, Utf8.whatLoadableChanged(sent));
    }

    /**
     * The value's JSON text, never cut (that would break it). A NUL in a string or a key is
     * written as a six-character escape, valid JSON that jsonb refuses: such strings lose their NULs.
     */
    private static Coerced toJson(JsonNode value) {
        String json = value.toString();
        if (json.contains("\\u0000")) {
            JsonNode withoutNuls = withoutNuls(value);
            if (!withoutNuls.equals(value)) {
                String repaired = withoutNuls.toString();
                String loadable = Utf8.loadable(repaired);
                return new Coerced.Altered(loadable, loadable == repaired ? Utf8.NUL_REMOVED : Utf8.NUL_REMOVED + "; " + Utf8.LONE_SURROGATE_REPLACED);
            }
        }
        String loadable = Utf8.loadable(json);
        return loadable == json ? new Coerced.Value(json) : new Coerced.Altered(loadable, Utf8.whatLoadableChanged(json));
    }

    private static JsonNode withoutNuls(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(value.asText().replace("\0", ""));
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(value.size());
            value.forEach(element -> copy.add(withoutNuls(element)));
            return copy;
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(field -> copy.set(field.getKey().replace("\0", ""), withoutNuls(field.getValue())));
            return copy;
        }
        return value;
    }

    /**
     * {@code 2024-05-01 12:30:45.123456}, UTC, microseconds. Written digit by digit for years
     * 0 to 9999 because the formatter would otherwise be a large share of a load's CPU time.
     */
    public static String formatTimestamp(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return TIMESTAMP_TEXT.format(instant);
        }
        char[] text = "0000-00-00 00:00:00.000000".toCharArray();
        putDigits(text, 0, 4, time.getYear());
        putDigits(text, 5, 2, time.getMonthValue());
        putDigits(text, 8, 2, time.getDayOfMonth());
        putDigits(text, 11, 2, time.getHour());
        putDigits(text, 14, 2, time.getMinute());
        putDigits(text, 17, 2, time.getSecond());
        putDigits(text, 20, 6, time.getNano() / 1000);
        return new String(text);
    }

    private static void putDigits(char[] text, int start, int count, int value) {
        for (int i = start + count - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static Coerced toBigint(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return new Coerced.Value(Long.toString(value.longValue()));
        }
        if (value.isIntegralNumber()) {
            return discarded(ColumnType.BIGINT, "a whole number out of range");
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue()) && isWhole(value.decimalValue())) {
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
        if (!Double.isFinite(number)) {
            return discarded(ColumnType.DOUBLE_PRECISION, "not a finite number");
        }
        if (number != 0 && Math.abs(number) < Double.MIN_NORMAL) {
            return discarded(ColumnType.DOUBLE_PRECISION, "a number too close to zero");
        }
        // Jackson's shortest round-trip writer: Double.toString's own is several times slower before Java 19
        return new Coerced.Value(NumberOutput.toString(number, true));
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
        if (instant.isEmpty()) {
            return discarded(ColumnType.TIMESTAMP, "not an ISO-8601 date-time");
        }
        return isStorable(instant.get()) ? new Coerced.Value(formatTimestamp(instant.get()))
                : discarded(ColumnType.TIMESTAMP, "a date-time outside the years 1 to 9999");
    }

    private static Coerced discarded(ColumnType column, String what) {
        return new Coerced.Discarded(what + " for a " + column.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " column");
    }
}
