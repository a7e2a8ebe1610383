package io.bigpicture.catalog;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * When a warehouse syncs: every so many minutes, or at the times of a cron expression. Either way
 * syncs are at least {@link #MIN_GAP} apart, so that one sync has time to finish before the next.
 */
public sealed interface SyncSchedule {

    Duration MIN_GAP = Duration.ofMinutes(Warehouse.MIN_SYNC_INTERVAL_MINUTES);
    Duration MAX_INTERVAL = Duration.ofMinutes(Warehouse.MAX_SYNC_INTERVAL_MINUTES);
    SyncSchedule HOURLY = Every.minutes(Warehouse.DEFAULT_SYNC_INTERVAL_MINUTES);

    /** The first sync slot after {@code now}, given the slot that was due ({@code due <= now}). */
    Instant nextAfter(Instant due, Instant now);

    /** The first slot of a new schedule, set at {@code now}. */
    Instant firstAfter(Instant now);

    /** In words, for people. */
    String describe();

    /**
     * Every {@code interval}, on a grid shifted by {@code offset} from midnight UTC of 1970, so that
     * slots never drift and different tenants' hourly syncs fall on different minutes.
     */
    record Every(Duration interval, Duration offset) implements SyncSchedule {

        public Every {
            if (interval.compareTo(MIN_GAP) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                throw new IllegalArgumentException("syncIntervalMinutes must be between " + MIN_GAP.toMinutes() + " and "
                        + MAX_INTERVAL.toMinutes() + ", got " + interval.toMinutes());
            }
            offset = Duration.ofMillis(Math.floorMod(offset.toMillis(), interval.toMillis()));
        }

        /** With no offset: slots on the interval's own grid. */
        public static Every minutes(int minutes) {
            return new Every(Duration.ofMinutes(minutes), Duration.ZERO);
        }

        /** The tenant's own minute on the grid, the same for all its warehouses. */
        public static Every minutes(int minutes, UUID tenantId) {
            return new Every(Duration.ofMinutes(minutes), Duration.ofMinutes(Math.floorMod(tenantId.hashCode(), minutes)));
        }

        @Override
        public Instant nextAfter(Instant due, Instant now) {
            return firstAfter(now);
        }

        @Override
        public Instant firstAfter(Instant now) {
            long step = interval.toMillis();
            long slots = Math.floorDiv(now.toEpochMilli() - offset.toMillis(), step) + 1;
            return Instant.ofEpochMilli(slots * step + offset.toMillis());
        }

        @Override
        public String describe() {
            long minutes = interval.toMinutes();
            if (minutes % 60 != 0) {
                return "every " + minutes + " min";
            }
            return minutes == 60 ? "hourly" : minutes == 24 * 60 ? "daily" : "every " + minutes / 60 + " h";
        }
    }

    /**
     * A standard five-field cron expression (minute, hour, day of month, month, day of week), in
     * UTC. Missed slots are not made up: the next sync is the next slot after now.
     */
    record Cron(String expression) implements SyncSchedule {

        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        /** How far ahead a new expression's slots are checked for gaps shorter than {@link #MIN_GAP}. */
        private static final Duration CHECKED_AHEAD = Duration.ofDays(8);

        public Cron {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("cron: an expression is needed, e.g. 0 */2 * * * for every two hours");
            }
            expression = expression.trim().replaceAll("\\s+", " ");
            ExecutionTime times = parse(expression);
            ZonedDateTime slot = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            ZonedDateTime end = slot.plus(CHECKED_AHEAD);
            Optional<ZonedDateTime> next = times.nextExecution(slot.minusMinutes(1));
            if (next.isEmpty()) {
                throw new IllegalArgumentException("cron: " + expression + " never fires");
            }
            while (next.isPresent() && next.get().isBefore(end)) {
                ZonedDateTime current = next.get();
                next = times.nextExecution(current);
                if (next.isPresent() && Duration.between(current, next.get()).compareTo(MIN_GAP) < 0) {
                    throw new IllegalArgumentException("cron: " + expression + " fires more often than every "
                            + MIN_GAP.toMinutes() + " minutes (at " + current.toLocalTime() + " and " + next.get().toLocalTime() + " UTC)");
                }
            }
        }

        private static ExecutionTime parse(String expression) {
            try {
                return ExecutionTime.forCron(PARSER.parse(expression).validate());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron: " + expression + " is not a five-field cron expression"
                        + " (minute hour day-of-month month day-of-week): " + e.getMessage(), e);
            }
        }

        @Override
        public Instant nextAfter(Instant due, Instant now) {
            return firstAfter(now);
        }

        @Override
        public Instant firstAfter(Instant now) {
            return parse(expression).nextExecution(now.atZone(ZoneOffset.UTC))
                    .orElseThrow(() -> new IllegalStateException("cron " + expression + " has no next slot")).toInstant();
        }

        @Override
        public String describe() {
            return "cron " + expression + " (UTC)";
        }
    }
}
