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
import io.bigpicture.ingest.queue.EventQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One tracking request: who sent it, is it valid, enrich it, queue it. No catalog query on this path. */
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
    }

    @Inject
    WriteKeyCache writeKeys;

    @Inject
    EventQueue queue;

    @Inject
    ObjectMapper json;

    @Inject
    IngestConfig config;

    /**
     * @param headerKey the key from Basic auth, if sent; it wins over a {@code writeKey} in the body
     * @param parse     reads the body; called only once the header key, if any, is known good
     */
    public Uni<Outcome> ingest(Optional<String> headerKey, java.util.function.Supplier<ParseResult> parse, Optional<String> clientIp) {
        Optional<SourceKey> source = headerKey.flatMap(writeKeys::resolve);
        if (headerKey.isPresent() && source.isEmpty()) {
            return Uni.createFrom().item(new Outcome.Unauthorized("unknown or revoked write key"));
        }
        ParseResult parsed = parse.get();
        if (parsed instanceof ParseResult.Rejected rejected) {
            return Uni.createFrom().item(new Outcome.Invalid(rejected.problems()));
        }
        ParseResult.Accepted accepted = (ParseResult.Accepted) parsed;
        if (source.isEmpty()) {
            if (accepted.writeKey().isEmpty()) {
                return Uni.createFrom().item(new Outcome.Unauthorized("a write key is required: HTTP Basic auth with the key as user name, or a writeKey field"));
            }
            source = accepted.writeKey().flatMap(writeKeys::resolve);
            if (source.isEmpty()) {
                return Uni.createFrom().item(new Outcome.Unauthorized("unknown or revoked write key"));
            }
        }
        List<Problem> tooLarge = new ArrayList<>();
        List<String> lines = new ArrayList<>(accepted.messages().size());
        Enrichment enrichment = new Enrichment(Instant.now(), clientIp, source.get().tenantId().toString(), source.get().sourceId().toString());
        for (int index = 0; index < accepted.messages().size(); index++) {
            Message message = accepted.messages().get(index);
            if (serialize(message).getBytes(StandardCharsets.UTF_8).length > config.maxEventBytes()) {
                tooLarge.add(new Problem(accepted.messages().size() == 1 ? -1 : index, "", "an event may be at most " + config.maxEventBytes() + " bytes"));
                continue;
            }
            lines.add(serialize(MessageEnricher.enrich(message, enrichment)));
        }
        if (!tooLarge.isEmpty()) {
            return Uni.createFrom().item(new Outcome.TooLarge(tooLarge));
        }
        int events = lines.size();
        return queue.send(source.get(), lines).replaceWith(new Outcome.Queued(events));
    }

    private String serialize(Message message) {
        try {
            return json.writeValueAsString(message.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
