package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    private static final Instant DUE = Instant.parse("2026-11-25T10:00:00Z");

    @Property
    void anIntervalsNextSlotIsOnTheTenantsGridAndWithinOneIntervalAfterNow(@ForAll @IntRange(min = 15, max = 1440) int minutes,
                                                                           @ForAll @LongRange(min = 0, max = 10L * 24 * 3600) long secondsLate,
                                                                           @ForAll long tenantBits) {
        UUID tenant = new UUID(tenantBits, ~tenantBits);
        SyncSchedule.Every every = SyncSchedule.Every.minutes(minutes, tenant);
        Instant now = DUE.plusSeconds(secondsLate);

        Instant next = every.nextAfter(DUE, now);

        assertThat(next).isAfter(now);
        assertThat(Duration.between(now, next)).isLessThanOrEqualTo(every.interval());
        assertThat(Math.floorMod(next.getEpochSecond() / 60 - every.offset().toMinutes(), minutes)).isZero();
        assertThat(every.offset()).isEqualTo(SyncSchedule.Every.minutes(minutes, tenant).offset()).isLessThan(every.interval());
    }

    @Test
    void hourlySyncsOfDifferentTenantsFallOnDifferentMinutes() {
        java.util.Set<Long> minutesOfTheHour = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            minutesOfTheHour.add(SyncSchedule.Every.minutes(60, UUID.randomUUID()).firstAfter(DUE).getEpochSecond() / 60 % 60);
        }
        assertThat(minutesOfTheHour).hasSizeGreaterThan(30);
    }

    @Test
    void anIntervalOutsideFifteenMinutesToADayIsRefused() {
        assertThatThrownBy(() -> SyncSchedule.Every.minutes(14)).hasMessage("syncIntervalMinutes must be between 15 and 1440, got 14");
        assertThatThrownBy(() -> SyncSchedule.Every.minutes(1441)).hasMessageContaining("got 1441");
    }

    @Test
    void aCronScheduleSyncsAtItsNextTimeInUtcAndDoesNotMakeUpMissedSlots() {
        SyncSchedule.Cron weekdaysAtSixAndEighteen = new SyncSchedule.Cron("0 6,18 * * 1-5");
        Instant fridayEvening = Instant.parse("2026-11-27T18:00:00Z");

        assertThat(weekdaysAtSixAndEighteen.nextAfter(fridayEvening, Instant.parse("2026-11-27T18:00:05Z")))
                .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(weekdaysAtSixAndEighteen.nextAfter(fridayEvening, Instant.parse("2026-12-01T07:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
        assertThat(new SyncSchedule.Cron("*/30 * * * *").firstAfter(Instant.parse("2026-11-25T10:29:59Z")))
                .isEqualTo(Instant.parse("2026-11-25T10:30:00Z"));
    }

    @Test
    void aCronExpressionIsNormalisedAndDescribed() {
        assertThat(new SyncSchedule.Cron("  0   */2 * * * ").expression()).isEqualTo("0 */2 * * *");
        assertThat(new SyncSchedule.Cron("0 */2 * * *").describe()).isEqualTo("cron 0 */2 * * * (UTC)");
        assertThat(SyncSchedule.HOURLY.describe()).isEqualTo("hourly");
        assertThat(SyncSchedule.Every.minutes(15).describe()).isEqualTo("every 15 min");
        assertThat(SyncSchedule.Every.minutes(360).describe()).isEqualTo("every 6 h");
    }

    @Test
    void aBadCronExpressionIsRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> new SyncSchedule.Cron("every hour")).hasMessageStartingWith("cron: every hour is not a five-field cron expression");
        assertThatThrownBy(() -> new SyncSchedule.Cron("0 25 * * *")).hasMessageStartingWith("cron: 0 25 * * * is not a five-field cron expression");
        assertThatThrownBy(() -> new SyncSchedule.Cron(" ")).hasMessageStartingWith("cron: an expression is needed");
        assertThatThrownBy(() -> new SyncSchedule.Cron("0 0 30 2 *")).hasMessage("cron: 0 0 30 2 * never fires");
    }

    @Test
    void aCronExpressionFiringMoreOftenThanEveryFifteenMinutesIsRefused() {
        assertThatThrownBy(() -> new SyncSchedule.Cron("*/5 * * * *")).hasMessageContaining("fires more often than every 15 minutes");
        assertThatThrownBy(() -> new SyncSchedule.Cron("0,10 * * * *")).hasMessageContaining("(at 00:00 and 00:10 UTC)");
        assertThat(new SyncSchedule.Cron("0,15,30,45 * * * *").expression()).isEqualTo("0,15,30,45 * * * *");
    }
}
