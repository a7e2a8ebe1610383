package io.bigpicture.ingest.rejects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.catalog.RecentEvent;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.RejectedMessage;
import io.bigpicture.events.RejectNotice;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.queue.EventQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the messages the API left out visible, so that a person who sees fewer rows than were sent
 * finds out why: each is counted per source, field and reason, logged once, and shown among the
 * source's live events. The live events get them through the events queue (see
 * {@link RejectNotice}), at most one queue message per source a second and only the newest few
 * per source, so that a client sending nothing but bad messages costs little.
 */
@ApplicationScoped
public class RejectedMessages {

    private static final Logger LOG = Logger.getLogger(RejectedMessages.class);
    /** Problems named one by one in a request's log line; the rest are counted. */
    private static final int LOGGED_PER_REQUEST = 20;
    /** Memory bound of the notices waiting to be sent, all sources together. */
    private static final int MAX_PENDING_NOTICES = 2_000;

    private record Pending(SourceKey source, Deque<String> lines) {
    }

    @Inject
    EventQueue queue;

    @Inject
    MeterRegistry meters;

    @Inject
    ObjectMapper json;

    private Map<UUID, Pending> pending = new HashMap<>();
    private int pendingNotices;

    /** What a request left out: counted, logged and kept for the live events view now. */
    public void notice(SourceKey source, List<RejectedMessage> rejected, Instant receivedAt) {
        if (rejected.isEmpty()) {
            return;
        }
        String sourceId = source.sourceId().toString();
        for (RejectedMessage message : rejected) {
            Problem first = message.problems().get(0);
            meters.counter("bigpicture.ingest.messages.rejected", "source", sourceId, "field", first.field(), "reason", first.reason())
                    .increment();
        }
        LOG.infof("source %s: %d message(s) left out: %s", sourceId, rejected.size(), describe(rejected));
        // the live view keeps a source's newest few: no notice is made for more
        List<String> lines = rejected.subList(Math.max(0, rejected.size() - RecentEvent.KEPT_PER_SOURCE), rejected.size()).stream()
                .map(message -> RejectNotice.of(message, receivedAt).toJson(json)).toList();
        keep(source, lines);
    }

    private synchronized void keep(SourceKey source, List<String> lines) {
        Deque<String> latest = pending.computeIfAbsent(source.sourceId(), id -> new Pending(source, new ArrayDeque<>())).lines();
        for (String line : lines) {
            if (latest.size() == RecentEvent.KEPT_PER_SOURCE) {
                latest.removeFirst();
                latest.addLast(line);
            } else if (pendingNotices < MAX_PENDING_NOTICES) {
                latest.addLast(line);
                pendingNotices++;
            }
        }
    }

    /** Sends what was kept; a notice SQS does not take is dropped: the live view is a preview, the metric and log stay. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void send() {
        Map<UUID, Pending> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new HashMap<>();
            pendingNotices = 0;
        }
        taken.values().stream().filter(kept -> !kept.lines().isEmpty()).forEach(kept -> queue.sendRejectNotices(kept.source(), new ArrayList<>(kept.lines()))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("notices of %d messages left out of source %s were not queued for its live events: %s",
                                kept.lines().size(), kept.source().sourceId(), failure.toString());
                    }
                }));
    }

    private static String describe(List<RejectedMessage> rejected) {
        List<Problem> problems = rejected.stream().flatMap(message -> message.problems().stream()).toList();
        String named = problems.stream().limit(LOGGED_PER_REQUEST)
                .map(problem -> "[index " + problem.index() + "] " + (problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.reason())
                .collect(Collectors.joining("; "));
        return problems.size() > LOGGED_PER_REQUEST ? named + "; and " + (problems.size() - LOGGED_PER_REQUEST) + " more problems" : named;
    }
}
