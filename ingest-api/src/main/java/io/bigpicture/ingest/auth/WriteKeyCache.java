package io.bigpicture.ingest.auth;

import io.bigpicture.catalog.WriteKeys;
import io.bigpicture.ingest.config.IngestConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Write keys by hash, in memory, so that no request waits on the catalog. Changes reach it within
 * the refresh interval: incrementally by {@code updated_at}, and by a full reload now and then
 * (which also forgets deleted keys).
 */
@ApplicationScoped
public class WriteKeyCache {

    private static final Logger LOG = Logger.getLogger(WriteKeyCache.class);
    /** Re-read a little before the last read, so that a change committed late is not missed. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    @Inject
    WriteKeyRepository keys;

    @Inject
    IngestConfig config;

    private volatile Map<String, SourceKey> byHash = Map.of();
    private volatile Instant lastRead;
    private volatile Instant lastFullRead;

    public Optional<SourceKey> resolve(String writeKey) {
        SourceKey key = byHash.get(WriteKeys.hash(writeKey));
        return key != null && key.isValidAt(Instant.now()) ? Optional.of(key) : Optional.empty();
    }

    public boolean isLoaded() {
        return lastRead != null;
    }

    /** One method for both loads, so that they never interleave. */
    @Scheduled(every = "${bigpicture.ingest.write-key-refresh}", delay = 0, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> refresh() {
        Instant readAt = Instant.now();
        if (lastFullRead == null || !readAt.isBefore(lastFullRead.plus(config.writeKeyFullReload()))) {
            return keys.usable(readAt).invoke(all -> {
                Map<String, SourceKey> fresh = new ConcurrentHashMap<>();
                put(fresh, all);
                byHash = fresh;
                lastRead = readAt;
                lastFullRead = readAt;
                LOG.debugf("write key cache loaded %d keys", fresh.size());
            }).replaceWithVoid();
        }
        return keys.changedSince(lastRead.minus(OVERLAP)).invoke(changed -> {
            Map<String, SourceKey> updated = new ConcurrentHashMap<>(byHash);
            put(updated, changed);
            byHash = updated;
            lastRead = readAt;
        }).replaceWithVoid();
    }

    private static void put(Map<String, SourceKey> target, List<KeyRow> rows) {
        for (KeyRow row : rows) {
            target.put(row.keyHash(), row.sourceKey());
        }
    }
}
