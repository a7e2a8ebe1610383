package io.bigpicture.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.bigpicture.events.Enrichment;
import io.bigpicture.events.Message;
import io.bigpicture.events.MessageEnricher;
import io.bigpicture.events.ParseResult;
import io.bigpicture.events.QueuedEvents;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.events.ParseResult.RejectedMessage;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.ingest.config.IngestConfig;
import io.bigpicture.ingest.limits.RateLimiter;
import io.bigpicture.ingest.queue.EventQueue;
import io.bigpicture.ingest.rejects.RejectedMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One tracking request: who sent it, is it valid and within limits, enrich it, queue it. No
 * catalog query on this path: write keys and rate limits come from memory.
 */
@ApplicationScoped
public class IngestService {

    /** The outcome of a request, for the resource to turn into HTTP. */
    public sealed interface Outcome {
        /** {@code rejected}: the problems of the batch's messages that were left out. */
        record Queued(int events, List<Problem> rejected) implements Outcome {
        }

        record Unauthorized(String reason) implements Outcome {
        }

        record Invalid(List<Problem> problems) implements Outcome {
        }

        record TooLarge(List<Problem> problems) implements Outcome {
        }

        record RateLimited(Duration retryAfter) implements Outcome {
        }

        record Forbidden(String reason) implements Outcome {
        }
    }

    @Inject
    WriteKeyCache writeKeys;

    @Inject
    EventQueue queue;

    @Inject
    RejectedMessages rejects;

    @Inject
    ObjectMapper json;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry meters;

    /** Room for what enrichment adds (ids, timestamps, ip) on top of what the client sent. */
    static final int ENRICHMENT_HEADROOM_BYTES = 1024;

    private final RateLimiter rateLimiter = new RateLimiter(System::nanoTime);

    private ObjectWriter lineWriter;
    /** Per source: looked up once, not by name and tags on every request. */
    private final Map<UUID, Counter> acceptedEvents = new ConcurrentHashMap<>();

    @PostConstruct
    void lineWriter() {
        lineWriter = QueuedEvents.lineWriter(json);
    }

    /**
     * @param headerKey the key from Basic auth, if sent; it wins over a {@code writeKey} in the body
     * @param parse     reads the body; called only once the header key, if any, is known good
     * @param origin    the browser's {@code Origin} header, if any
     */
    public Uni<Outcome> ingest(Optional<String> headerKey, Supplier<ParseResult> parse, Optional<String> clientIp, Optional<String> origin) {
        Optional<SourceKey> source = headerKey.flatMap(writeKeys::resolve);
        if (headerKey.isPresent() && source.isEmpty()) {
            return refused(Optional.empty(), "unauthorized", new Outcome.Unauthorized("unknown or revoked write key"));
        }
        ParseResult parsed = parse.get();
        if (source.isEmpty()) {
            source = parsed.writeKey().flatMap(writeKeys::resolve);
        }
        Instant receivedAt = Instant.now();
        if (parsed instanceof ParseResult.Refused refused) {
            source.filter(key -> origin.isEmpty() || key.allowedOrigins().permits(origin.get()))
                    .ifPresent(key -> rejects.notice(key, refused.rejected(), receivedAt));
            return refused(source, "invalid", new Outcome.Invalid(refused.problems()));
        }
        ParseResult.Accepted accepted = (ParseResult.Accepted) parsed;
        if (source.isEmpty()) {
            return refused(source, "unauthorized", new Outcome.Unauthorized(accepted.writeKey().isEmpty()
                    ? "a write key is required: HTTP Basic auth with the key as user name, or a writeKey field"
                    : "unknown or revoked write key"));
        }
        List<Message> messages = accepted.messages();
        int sent = messages.size() + accepted.rejected().size();
        if (sent > config.maxBatchMessages()) {
            return refused(source, "too_large", new Outcome.TooLarge(List.of(new Problem(-1, "batch",
                    "a batch may hold at most " + config.maxBatchMessages() + " messages, this one holds " + sent))));
        }
        SourceKey key = source.get();
        if (origin.isPresent() && !key.allowedOrigins().permits(origin.get())) {
            return refused(source, "origin_not_allowed", new Outcome.Forbidden("this source does not accept events from origin " + origin.get()));
        }
        Optional<Duration> wait = rateLimiter.acquire(key.sourceId(), messages.size(), key.rateLimitPerSecond());
        if (wait.isPresent()) {
            return refused(source, "rate_limited", new Outcome.RateLimited(wait.get()));
        }
        Enrichment enrichment = new Enrichment(receivedAt, clientIp, key.tenantId().toString(), key.sourceId().toString());
        List<byte[]> lines = new ArrayList<>(messages.size());
        List<RejectedMessage> rejected = new ArrayList<>(accepted.rejected());
        for (int position = 0; position < messages.size(); position++) {
            byte[] line = serialize(MessageEnricher.enrich(messages.get(position), enrichment));
            // measured once, after enrichment, which adds at most a few hundred bytes of our own
            if (line.length > config.maxEventBytes() + ENRICHMENT_HEADROOM_BYTES) {
                int index = accepted.indexes().get(position);
                rejected.add(new RejectedMessage(index, messages.get(position).body(),
                        List.of(new Problem(index, "", "an event may be at most " + config.maxEventBytes() + " bytes"))));
            } else {
                lines.add(line);
            }
        }
        rejected.sort(Comparator.comparingInt(RejectedMessage::index));
        List<Problem> problems = rejected.stream().flatMap(message -> message.problems().stream()).toList();
        if (lines.isEmpty()) {
            rejects.notice(key, rejected, receivedAt);
            return refused(source, "too_large", new Outcome.TooLarge(problems));
        }
        return queue.send(key, lines)
                .invoke(() -> {
                    acceptedEvents.computeIfAbsent(key.sourceId(),
                            id -> meters.counter("bigpicture.ingest.events.accepted", "source", id.toString())).increment(lines.size());
                    rejects.notice(key, rejected, receivedAt);
                })
                .onFailure().invoke(() -> count(Optional.of(key), "queue_unavailable"))
                .replaceWith(new Outcome.Queued(lines.size(), problems));
    }

    private Uni<Outcome> refused(Optional<SourceKey> source, String reason, Outcome outcome) {
        count(source, reason);
        return Uni.createFrom().item(outcome);
    }

    /** Requests refused, per source (or "unknown" before the key is known) and reason. */
    private void count(Optional<SourceKey> source, String reason) {
        String sourceId = source.map(key -> key.sourceId().toString()).orElse("unknown");
        meters.counter("bigpicture.ingest.requests.rejected", "source", sourceId, "reason", reason).increment();
    }

    /** The queued line (see {@link QueuedEvents#lineWriter}). */
    private byte[] serialize(Message message) {
        try {
            return lineWriter.writeValueAsBytes(message.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
