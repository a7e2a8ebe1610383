package io.bigpicture.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.admin.api.SyncApi;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncChartTest {

    @Test
    void theOldestSyncIsLeftAndTheLargestFillsTheHeight() {
        SyncChart chart = SyncChart.of(List.of(job("2024-05-03T00:00:00Z", 50L), job("2024-05-02T00:00:00Z", 200L), job("2024-05-01T00:00:00Z", null)));

        assertThat(chart.maxRows()).isEqualTo(200);
        assertThat(chart.bars()).extracting(SyncChart.Bar::height).containsExactly(0, 110, 28);
        assertThat(chart.bars()).extracting(SyncChart.Bar::x).containsExactly(2, 202, 402);
        assertThat(chart.bars().get(1).label()).isEqualTo("2024-05-02T00:00:00Z: 200 rows, SUCCEEDED");
        assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.y() + bar.height()).isEqualTo(SyncChart.HEIGHT));
    }

    @Test
    void noSyncNoBars() {
        assertThat(SyncChart.of(List.of()).bars()).isEmpty();
    }

    private static SyncApi.JobView job(String createdAt, Long rows) {
        List<SyncApi.RunView> runs = rows == null ? List.of()
                : List.of(new SyncApi.RunView(UUID.randomUUID(), SyncRun.Status.SUCCEEDED, null, null, null, rows, 0L, null, Map.of(), Map.of(), List.of(), Map.of(), 0, 0, List.of()));
        return new SyncApi.JobView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), SyncJob.Trigger.MANUAL,
                rows == null ? SyncJob.Status.PENDING : SyncJob.Status.SUCCEEDED, rows != null, Instant.parse(createdAt), null, 1, null, runs);
    }
}
