package io.bigpicture.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.catalog.SyncSchedule;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler replicas at once, over ten simulated hours: each makes the due jobs of every
 * five simulated minutes at the same moment as the other, against the one catalog. Every slot of
 * every warehouse gets exactly one job. The simulated time is in 2031, where no other test's
 * warehouse is due.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TwoDispatchersTest {

    private static final Instant START = Instant.parse("2031-01-01T00:00:00Z");

    @Inject
    SyncDispatcher dispatcher;

    @Inject
    Vertx vertx;

    @Test
    void everyDueWarehouseIsDispatchedExactlyOncePerSlotByTwoReplicasOverTenHours() {
        Map<UUID, Integer> expectedJobs = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            TestSource source = TestingCatalog.source("replicas_" + i + "_" + UUID.randomUUID().toString().substring(0, 8));
            UUID hourly = warehouse(source, "sync_interval_minutes = 60", SyncSchedule.Every.minutes(60, source.tenantId()).firstAfter(START));
            expectedJobs.put(hourly, 10);
            UUID quarterHourly = warehouse(source, "sync_interval_minutes = 15", SyncSchedule.Every.minutes(15, source.tenantId()).firstAfter(START));
            expectedJobs.put(quarterHourly, 40);
            // 02:00 .. 10:00
            UUID everyTwoHours = warehouse(source, "sync_cron = '0 */2 * * *'", START.plus(Duration.ofHours(2)));
            expectedJobs.put(everyTwoHours, 5);
            // the slots at 03 and 04 o'clock become one at 05
            UUID quietAtNight = warehouse(source, "sync_interval_minutes = 60, quiet_from_hour = 3, quiet_to_hour = 5",
                    SyncSchedule.Every.minutes(60, source.tenantId()).firstAfter(START));
            expectedJobs.put(quietAtNight, 8);
            UUID paused = warehouse(source, "paused = true", START);
            expectedJobs.put(paused, 0);
        }

        for (Instant now = START; !now.isAfter(START.plus(Duration.ofHours(10))); now = now.plus(Duration.ofMinutes(5))) {
            Instant at = now;
            Uni.combine().all().unis(onVertxContext(() -> dispatcher.createDueJobs(at)), onVertxContext(() -> dispatcher.createDueJobs(at)))
                    .asTuple().await().atMost(Duration.ofSeconds(30));
            // the jobs ran: a source with a job still waiting would get no new one
            TestingCatalog.execute("update sync_job set status = 'SUCCEEDED' where created_at > now() - interval '1 hour'"
                    + " and warehouse_id in (select id from warehouse where name like 'replicas-%')");
        }

        List<String> wrong = new ArrayList<>();
        expectedJobs.forEach((warehouse, expected) -> {
            int made = ((Number) TestingCatalog.single("select count(*) from sync_job where warehouse_id = ?", warehouse)).intValue();
            if (made != expected) {
                wrong.add(TestingCatalog.single("select coalesce(sync_cron, sync_interval_minutes || ' min') || case when paused then ' paused' else '' end"
                        + " || coalesce(' quiet ' || quiet_from_hour || '-' || quiet_to_hour, '') from warehouse where id = ?", warehouse)
                        + ": " + made + " jobs, not " + expected);
            }
        });
        assertThat(wrong).as("warehouses with other than one job per slot").isEmpty();
    }

    private static UUID warehouse(TestSource source, String schedule, Instant firstSlot) {
        UUID warehouse = TestingCatalog.warehouse(source, "warehouse_replicas");
        TestingCatalog.execute("update warehouse set name = 'replicas-' || id, " + schedule + ", next_sync_at = ? where id = ?",
                Timestamp.from(firstSlot), warehouse);
        return warehouse;
    }

    /** As the scheduler runs it: on a Vert.x context of its own, where Hibernate Reactive works. */
    private Uni<Integer> onVertxContext(java.util.function.Supplier<Uni<Integer>> work) {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail)));
    }
}
