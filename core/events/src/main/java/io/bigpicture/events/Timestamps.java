package io.bigpicture.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** ISO-8601 date-times as clients send them: with an offset or Z, or without one meaning UTC. */
public final class Timestamps {

    // A cheap gate so that ordinary strings never pay for a failed parse.
    private static final Pattern LOOKS_LIKE_DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");
    private static final int SECONDS_PER_DAY = 86_400;

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Instant common = parseCommonForm(text);
        return common != null ? Optional.of(common) : parseAnyForm(text);
    }

    /**
     * The form nearly every event carries, {@code 2024-05-01T12:30:45.123Z} (0 to 9 fraction
     * digits, Z or ±hh:mm), read without the formatter machinery that would otherwise be most of a
     * load's CPU time. Null for anything else, which {@link #parseAnyForm} then reads.
     */
    static Instant parseCommonForm(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int first = ++position;
            while (position < length && position - first < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            int fractionDigits = position - first;
            if (fractionDigits == 0 || (position < length && isDigit(text.charAt(position)))) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (position == length - 1 && text.charAt(position) == 'Z') {
            offsetSeconds = 0;
        } else if (position == length - 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
                && text.charAt(position + 3) == ':') {
            int offsetHours = digits(text, position + 1, 2);
            int offsetMinutes = digits(text, position + 4, 2);
            if ((offsetHours | offsetMinutes) < 0 || offsetHours > 17 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (text.charAt(position) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** Every form we take, through {@link DateTimeFormatter}: the reference for the fast path. */
    static Optional<Instant> parseAnyForm(String text) {
        if (!LOOKS_LIKE_DATE_TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        String normalized = text.replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(normalized, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notADateTime) {
                return Optional.empty();
            }
        }
    }

    /** The value of {@code count} decimal digits at {@code start}, or -1 if any is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The form we write: ISO-8601 in UTC with as many fraction digits as needed, in groups of three
     * ({@link DateTimeFormatter#ISO_INSTANT}'s). Written digit by digit for the years 0 to 9999:
     * every event has two or three, and the formatter was a twentieth of the tracking API's CPU time.
     */
    public static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_FAST_SECOND || epochSecond >= PAST_LAST_FAST_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        putDigits(text, 0, 4, date.getYear());
        text[4] = '-';
        putDigits(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        putDigits(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        putDigits(text, 11, 2, secondOfDay / 3600);
        text[13] = ':';
        putDigits(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        putDigits(text, 17, 2, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            putDigits(text, 20, fractionDigits, nanos / (fractionDigits == 3 ? 1_000_000 : fractionDigits == 6 ? 1_000 : 1));
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static final long FIRST_FAST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long PAST_LAST_FAST_SECOND = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private static void putDigits(char[] text, int start, int count, int value) {
        for (int i = start + count - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
