package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @Property
    void noSlotFallsInQuietHoursAndNoneMovesBackOrFarther(@ForAll @IntRange(min = 0, max = 23) int from, @ForAll @IntRange(min = 0, max = 23) int to,
                                                          @ForAll @IntRange(min = 15, max = 1440) int minutes,
                                                          @ForAll @LongRange(min = 0, max = 3L * 24 * 3600) long seconds, @ForAll long tenantBits) {
        Assume.that(from != to);
        QuietHours quiet = new QuietHours(from, to);
        SyncSchedule schedule = SyncSchedule.Every.minutes(minutes, new UUID(tenantBits, tenantBits));
        Instant slot = schedule.firstAfter(START.plusSeconds(seconds));

        Instant moved = quiet.moveOut(slot, schedule);

        assertThat(quiet.contains(moved)).isFalse();
        assertThat(moved).isAfterOrEqualTo(slot);
        assertThat(Duration.between(slot, moved)).isLessThanOrEqualTo(Duration.ofHours(24));
        if (!quiet.contains(slot)) {
            assertThat(moved).isEqualTo(slot);
        }
    }

    @Test
    void aQuietSlotMovesToTheScheduleFirstSlotAfterTheQuietHours() {
        QuietHours office = new QuietHours(9, 17);
        SyncSchedule hourlyAt23 = new SyncSchedule.Every(Duration.ofHours(1), Duration.ofMinutes(23));

        assertThat(office.moveOut(Instant.parse("2026-11-25T10:23:00Z"), hourlyAt23)).isEqualTo(Instant.parse("2026-11-25T17:23:00Z"));
        assertThat(office.moveOut(Instant.parse("2026-11-25T08:23:00Z"), hourlyAt23)).isEqualTo(Instant.parse("2026-11-25T08:23:00Z"));
        assertThat(office.moveOut(Instant.parse("2026-11-25T17:23:00Z"), hourlyAt23)).isEqualTo(Instant.parse("2026-11-25T17:23:00Z"));
    }

    @Test
    void nightHoursWrapMidnightAndADailySlotInsideThemMovesToTheirEnd() {
        QuietHours night = new QuietHours(22, 6);
        SyncSchedule dailyAtTwo = new SyncSchedule.Cron("0 2 * * *");

        assertThat(night.contains(Instant.parse("2026-11-25T23:30:00Z"))).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-25T05:59:00Z"))).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-25T06:00:00Z"))).isFalse();
        assertThat(night.moveOut(Instant.parse("2026-11-26T02:00:00Z"), dailyAtTwo)).isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        assertThat(night.moveOut(Instant.parse("2026-11-25T23:00:00Z"), new SyncSchedule.Cron("0 * * * *")))
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
    }

    @Test
    void quietHoursNeedTwoDifferentHoursOfTheDay() {
        assertThatThrownBy(() -> new QuietHours(9, 9)).hasMessage("quiet hours run from one hour of the day (0-23, UTC) to another, got 9 to 9");
        assertThatThrownBy(() -> new QuietHours(9, 24)).hasMessageContaining("got 9 to 24");
        assertThatThrownBy(() -> QuietHours.of(9, null)).hasMessage("quiet hours need both quietFromHour and quietToHour");
        assertThat(QuietHours.of(null, null)).isEmpty();
        assertThat(QuietHours.of(22, 6)).contains(new QuietHours(22, 6));
        assertThat(new QuietHours(9, 17).describe()).isEqualTo("no syncs 09:00–17:00 UTC");
    }
}
