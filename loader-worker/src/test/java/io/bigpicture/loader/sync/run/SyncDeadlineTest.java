package io.bigpicture.loader.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.testing.TestingCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncDeadlineTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aStatementStillRunningAtTheSyncsLimitIsEndedAndTheDeadlineSaysWhy() throws Exception {
        try (SyncDeadline deadline = new SyncDeadline(Duration.ofSeconds(1), timer);
             Connection session = TestingCatalog.warehouseConnection();
             Statement statement = session.createStatement()) {
            deadline.watch(session);

            // a warehouse that takes far longer than the sync may: the statement limits alone would let it run
            assertThatThrownBy(() -> statement.execute("select pg_sleep(600)")).isInstanceOf(SQLException.class);

            assertThat(deadline.passed()).isTrue();
            assertThat(deadline.inWords()).startsWith("the sync ran longer than its limit of 1s (bigpicture.sync.max-duration) and was stopped");
        }
    }

    @Test
    void aSessionOpenedAfterTheLimitIsEndedAtOnce() throws Exception {
        try (SyncDeadline deadline = new SyncDeadline(Duration.ofMillis(1), timer)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(deadline::passed);
            Connection session = TestingCatalog.warehouseConnection();

            deadline.watch(session);

            assertThat(session.isClosed()).isTrue();
        }
    }
}
