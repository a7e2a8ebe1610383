package io.bigpicture.loader.sync.run;

import io.bigpicture.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs a table's load again when the warehouse refused it for the sake of another transaction
 * (Redshift's serializable isolation violation 1023, a deadlock): a few times, waiting longer each
 * time, before the failure counts. Safe because a table's load is one transaction that rolled back.
 */
final class ConflictRetry {

    private static final Logger LOG = Logger.getLogger(ConflictRetry.class);

    static final int ATTEMPTS = 3;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    private ConflictRetry() {
    }

    static <T> T run(String table, SyncSteps.Work<T> load) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return load.run();
            } catch (SQLException refused) {
                if (attempt == ATTEMPTS || !WarehouseFailure.isConflict(refused.getSQLState(), refused.getMessage())) {
                    throw refused;
                }
                Duration wait = FIRST_WAIT.multipliedBy(1L << (attempt - 1));
                LOG.infof("loading %s met another transaction (%s); again in %s", table, refused.getMessage(), wait);
                Thread.sleep(wait.toMillis());
            }
        }
    }
}
