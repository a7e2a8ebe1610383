package io.bigpicture.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "bigpicture.ingest")
public interface IngestConfig {

    /**
     * The tracking API as browsers and phones reach it (e.g. {@code https://track.example.com}),
     * which the client libraries' settings point them at. Unset, each answer names the host the
     * request was sent to, and says that shared caches may not keep it.
     */
    Optional<URI> publicUrl();

    /** The SQS queue events go to. */
    @WithDefault("events")
    String eventsQueue();

    /** How long a request waits for SQS to take its events before answering 503. */
    @WithDefault("5s")
    Duration queueTimeout();

    /**
     * Concurrent requests of one source share queue messages for this long at most: fewer SQS
     * requests, at the price of up to this much latency. A source with no message on its way sends
     * at once, and what gathered while one was goes when it arrives. Zero sends each request's
     * events at once.
     */
    @WithDefault("3ms")
    Duration coalesceWindow();

    /** The most messages one batch may hold (Segment's limit). */
    @WithDefault("2500")
    int maxBatchMessages();

    /** What the 503 answer's Retry-After says, in seconds. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** How often new, rotated and revoked write keys reach the cache. */
    @WithDefault("2s")
    Duration writeKeyRefresh();

    /** How often the cache is rebuilt from scratch (forgetting deleted keys). */
    @WithDefault("5m")
    Duration writeKeyFullReload();

    /** The largest event, serialized, in bytes (docs/design.md: 32 KiB). */
    @WithDefault("32768")
    int maxEventBytes();

    /** The largest SQS message body; SQS takes 256 KiB with its attributes. */
    @WithDefault("245760")
    int maxQueueMessageBytes();
}
