package io.bigpicture.loader.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.RecentEvent;
import io.bigpicture.events.Message;
import io.bigpicture.events.RejectNotice;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The live events view's feed: each source's latest events, taken as queue messages arrive (not
 * when they are staged, which may be minutes later), and the messages the tracking API left out,
 * written to the catalog every two seconds, trimmed to the newest {@link RecentEvent#KEPT_PER_SOURCE}
 * per source. A preview: what does not fit the memory bound or fails to be written is dropped,
 * never retried.
 */
@ApplicationScoped
public class RecentEvents {

    private static final Logger LOG = Logger.getLogger(RecentEvents.class);
    /** Memory bound of the lines waiting to be written, all sources together. */
    private static final long MAX_PENDING_CHARS = 8L * 1024 * 1024;

    /** An accepted event is parsed only when written, a rejected one arrives as a notice. */
    private sealed interface Pending {
        int chars();
    }

    private record Accepted(UUID tenantId, String line) implements Pending {
        public int chars() {
            return line.length();
        }
    }

    private record Rejected(UUID tenantId, RejectNotice notice) implements Pending {
        public int chars() {
            return notice.message().length() + notice.reason().length();
        }
    }

    @Inject
    ObjectMapper json;

    @Inject
    RecentEventRepository repository;

    private Map<UUID, Deque<Pending>> pending = new LinkedHashMap<>();
    private long pendingChars;

    /** The newest lines of one queue message of a source; nothing is parsed here. */
    public void offer(UUID tenantId, UUID sourceId, List<String> lines) {
        keep(sourceId, lines.subList(Math.max(0, lines.size() - RecentEvent.KEPT_PER_SOURCE), lines.size()).stream()
                .map(line -> (Pending) new Accepted(tenantId, line)).toList());
    }

    /** Messages of a source that the tracking API left out. */
    public void offerRejected(UUID tenantId, UUID sourceId, List<RejectNotice> notices) {
        keep(sourceId, notices.subList(Math.max(0, notices.size() - RecentEvent.KEPT_PER_SOURCE), notices.size()).stream()
                .map(notice -> (Pending) new Rejected(tenantId, notice)).toList());
    }

    private synchronized void keep(UUID sourceId, List<Pending> newest) {
        Deque<Pending> latest = pending.computeIfAbsent(sourceId, id -> new ArrayDeque<>());
        for (Pending one : newest) {
            if (pendingChars + one.chars() > MAX_PENDING_CHARS) {
                return;
            }
            latest.addLast(one);
            pendingChars += one.chars();
            if (latest.size() > RecentEvent.KEPT_PER_SOURCE) {
                pendingChars -= latest.removeFirst().chars();
            }
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        Map<UUID, Deque<Pending>> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new LinkedHashMap<>();
            pendingChars = 0;
        }
        List<RecentEvent> events = new ArrayList<>();
        taken.forEach((sourceId, lines) -> lines.forEach(line -> event(sourceId, line).ifPresent(events::add)));
        try {
            // flushed before the trim, which is a native statement that would not see unflushed rows
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository.persist(events)
                    .chain(repository::flush)
                    .chain(() -> trim(List.copyOf(taken.keySet())))));
        } catch (Throwable e) {
            LOG.warnf("the latest events of %d sources were not kept for the live events view: %s", taken.size(), e.getMessage());
        }
    }

    private Uni<Void> trim(List<UUID> sources) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (UUID source : sources) {
            done = done.chain(() -> repository.trim(source, RecentEvent.KEPT_PER_SOURCE));
        }
        return done;
    }

    private Optional<RecentEvent> event(UUID sourceId, Pending pending) {
        if (pending instanceof Rejected rejected) {
            RejectNotice notice = rejected.notice();
            return Optional.of(RecentEvent.rejected(rejected.tenantId(), sourceId, notice.receivedAt(), notice.messageId().orElse(null),
                    notice.type().orElse(null), notice.event().orElse(null), notice.message(), notice.reason()));
        }
        Accepted accepted = (Accepted) pending;
        return StagedEvents.parse(json, accepted.line()).map((Message message) -> new RecentEvent(accepted.tenantId(), sourceId,
                message.receivedAt().orElseGet(Instant::now), message.messageId().orElse(null), message.type().wireName(),
                message.event().orElse(null), accepted.line()));
    }
}
