package io.bigpicture.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.Enrichment;
import io.bigpicture.events.Message;
import io.bigpicture.events.MessageEnricher;
import io.bigpicture.events.ParseResult;
import io.bigpicture.events.ParseResult.Problem;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.ingest.config.IngestConfig;
import io.bigpicture.ingest.limits.RateLimiter;
import io.bigpicture.ingest.queue.EventQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One tracking request: who sent it, is it valid and within limits, enrich it, queue it. No
 * catalog query on this path: write keys and rate limits come from memory.
 */
@ApplicationScoped
public class IngestService {

    /** The outcome of a request, for the resource to turn into HTTP. */
    public sealed interface Outcome {
        record Queued(int events) implements Outcome {
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
    ObjectMapper json;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry meters;

    /** Room for what enrichment adds (ids, timestamps, ip) on top of what the client sent. */
    static final int ENRICHMENT_HEADROOM_BYTES = 1024;

    private final RateLimiter rateLimiter = new RateLimiter(System::nanoTime);

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
        if (parsed instanceof ParseResult.Rejected rejected) {
            return refused(source, "invalid", new Outcome.Invalid(rejected.problems()));
        }
        ParseResult.Accepted accepted = (ParseResult.Accepted) parsed;
        if (source.isEmpty()) {
            if (accepted.writeKey().isEmpty()) {
                return refused(source, "unauthorized", new Outcome.Unauthorized(
                        "a write key is required: HTTP Basic auth with the key as user name, or a writeKey field"));
            }
            source = accepted.writeKey().flatMap(writeKeys::resolve);
            if (source.isEmpty()) {
                return refused(source, "unauthorized", new Outcome.Unauthorized("unknown or revoked write key"));
            }
        }
        List<Message> messages = accepted.messages();
        if (messages.size() > config.maxBatchMessages()) {
            return refused(source, "too_large", new Outcome.TooLarge(List.of(new Problem(-1, "batch",
                    "a batch may hold at most " + config.maxBatchMessages() + " messages, this one holds " + messages.size()))));
        }
        SourceKey key = source.get();
        if (origin.isPresent() && !key.allowedOrigins().permits(origin.get())) {
            return refused(source, "origin_not_allowed", new Outcome.Forbidden("this source does not accept events from origin " + origin.get()));
        }
        Optional<Duration> wait = rateLimiter.acquire(key.sourceId(), messages.size(), key.rateLimitPerSecond());
        if (wait.isPresent()) {
            return refused(source, "rate_limited", new Outcome.RateLimited(wait.get()));
        }
        Enrichment enrichment = new Enrichment(Instant.now(), clientIp, key.tenantId().toString(), key.sourceId().toString());
        List<String> lines = new ArrayList<>(messages.size());
        List<Problem> tooLarge = new ArrayList<>();
        for (int index = 0; index < messages.size(); index++) {
            String line = serialize(MessageEnricher.enrich(messages.get(index), enrichment));
            // measured once, after enrichment, which adds at most a few hundred bytes of our own
            int bytes = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > config.maxEventBytes() + ENRICHMENT_HEADROOM_BYTES) {
                tooLarge.add(new Problem(messages.size() == 1 ? -1 : index, "",
                        "an event may be at most " + config.maxEventBytes() + " bytes, this one has about " + (bytes - ENRICHMENT_HEADROOM_BYTES)));
            }
            lines.add(line);
        }
        if (!tooLarge.isEmpty()) {
            return refused(source, "too_large", new Outcome.TooLarge(tooLarge));
        }
        return queue.send(key, lines)
                .invoke(() -> meters.counter("bigpicture.ingest.events.accepted", "source", key.sourceId().toString()).increment(lines.size()))
                .onFailure().invoke(() -> count(Optional.of(key), "queue_unavailable"))
                .replaceWith(new Outcome.Queued(lines.size()));
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

    private String serialize(Message message) {
        try {
            return json.writeValueAsString(message.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
