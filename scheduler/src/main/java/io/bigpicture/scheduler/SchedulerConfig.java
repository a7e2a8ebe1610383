package io.bigpicture.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "bigpicture.scheduler")
public interface SchedulerConfig {

    /** How often due warehouses are looked for; a schedule is exact to this. */
    @WithDefault("1m")
    Duration scheduleCheckInterval();

    /** How often requested syncs ("Sync now") are dispatched; what a person waits at most. */
    @WithDefault("2s")
    Duration requestPollInterval();

    /**
     * How long a job waits on the queue before a worker sees it: long enough for the stager to
     * stage what arrived just before (its flush interval and a margin), so that "sync now" right
     * after sending includes those events.
     */
    @WithDefault("8s")
    Duration jobDelay();

    /** At most this many warehouses or jobs per round, so that one round stays short. */
    @WithDefault("100")
    int batchSize();
}
