package io.bigpicture.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Hours of the day (UTC) in which a warehouse does not sync, e.g. its cluster's busy time:
 * {@code from} inclusive to {@code to} exclusive, wrapping midnight when {@code from > to}
 * (22 to 6 is the night). A slot in them moves to the schedule's first slot after them, or to
 * their end when that slot is in them again (a daily schedule whose time is quiet).
 */
public record QuietHours(int from, int to) {

    public QuietHours {
        if (from < 0 || from > 23 || to < 0 || to > 23 || from == to) {
            throw new IllegalArgumentException("quiet hours run from one hour of the day (0-23, UTC) to another, got " + from + " to " + to);
        }
    }

    /** Both or neither: quiet hours, or none. */
    public static Optional<QuietHours> of(Integer from, Integer to) {
        if (from == null && to == null) {
            return Optional.empty();
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("quiet hours need both quietFromHour and quietToHour");
        }
        return Optional.of(new QuietHours(from, to));
    }

    public boolean contains(Instant instant) {
        int hour = instant.atZone(ZoneOffset.UTC).getHour();
        return from < to ? hour >= from && hour < to : hour >= from || hour < to;
    }

    /** The slot, or where it moves because it is quiet. */
    public Instant moveOut(Instant slot, SyncSchedule schedule) {
        if (!contains(slot)) {
            return slot;
        }
        Instant end = endAfter(slot);
        Instant after = schedule.firstAfter(end.minusMillis(1));
        return contains(after) ? end : after;
    }

    /** The end of the quiet hours the instant is in. */
    private Instant endAfter(Instant instant) {
        ZonedDateTime at = instant.atZone(ZoneOffset.UTC);
        LocalDate day = at.getHour() >= to ? at.toLocalDate().plusDays(1) : at.toLocalDate();
        return day.atTime(to, 0).toInstant(ZoneOffset.UTC);
    }

    public String describe() {
        return "no syncs " + String.format("%02d:00", from) + "–" + String.format("%02d:00", to) + " UTC";
    }
}
