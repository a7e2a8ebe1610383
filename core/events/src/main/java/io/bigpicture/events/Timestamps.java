package io.bigpicture.events;

import java.time.Instant;
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

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || !LOOKS_LIKE_DATE_TIME.matcher(text).matches()) {
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

    /** The form we write: ISO-8601 in UTC with as many fraction digits as needed. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
