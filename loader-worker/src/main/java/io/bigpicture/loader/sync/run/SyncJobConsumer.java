package io.bigpicture.loader.sync.run;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes job ids off {@code sync-jobs}; a few run at once on their own worker pool. */
@ApplicationScoped
public class SyncJobConsumer {

    private static final Logger LOG = Logger.getLogger(SyncJobConsumer.class);

    @Inject
    SyncRunner runner;

    @Incoming("sync-jobs")
    @Blocking(value = "sync-workers", ordered = false)
    public void consume(String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId.trim());
        } catch (IllegalArgumentException notAJobId) {
            LOG.warnf("dropped a sync-jobs message that is not a job id (%d characters)", jobId.length());
            return;
        }
        runner.run(id);
    }
}
