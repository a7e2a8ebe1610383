package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One of a source's latest events, for the live events view: its JSON as the stager received it
 * (cut to {@link #MAX_BODY_CHARS}), kept only among the newest {@link #KEPT_PER_SOURCE}; or a
 * message the tracking API left out, with the reason. Text is stored without NUL characters, which
 * PostgreSQL refuses, so that one hostile event cannot keep the others out of the view.
 */
@Entity
@Table(name = "recent_event")
public class RecentEvent extends TenantOwned {

    public static final int KEPT_PER_SOURCE = 50;
    public static final int MAX_BODY_CHARS = 4096;

    @Column(name = "source_id")
    private UUID sourceId;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "type")
    private String type;
    @Column(name = "event")
    private String event;
    @Column(name = "body")
    private String body;
    @Column(name = "rejected_reason")
    private String rejectedReason;

    protected RecentEvent() {
    }

    public RecentEvent(UUID tenantId, UUID sourceId, Instant receivedAt, String messageId, String type, String event, String body) {
        super(UUID.randomUUID(), tenantId);
        this.sourceId = sourceId;
        this.receivedAt = receivedAt;
        this.messageId = storable(messageId, 100);
        this.type = storable(type, 16);
        this.event = storable(event, 200);
        this.body = storable(body, MAX_BODY_CHARS) + (body.length() > MAX_BODY_CHARS ? "…" : "");
    }

    /** A message the tracking API left out: what was sent (the type as sent, or empty), and why. */
    public static RecentEvent rejected(UUID tenantId, UUID sourceId, Instant receivedAt, String messageId, String type, String event,
                                       String body, String reason) {
        RecentEvent rejected = new RecentEvent(tenantId, sourceId, receivedAt, messageId, type == null ? "" : type, event, body);
        rejected.rejectedReason = storable(reason, 1000);
        return rejected;
    }

    /** Without NUL, cut to {@code max} characters on a character boundary; null stays null. */
    private static String storable(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf(0) < 0 ? text : text.replace("\0", "");
        if (clean.length() <= max) {
            return clean;
        }
        return clean.substring(0, Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
    }

    public UUID sourceId() {
        return sourceId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String messageId() {
        return messageId;
    }

    public String type() {
        return type;
    }

    public String event() {
        return event;
    }

    public String body() {
        return body;
    }

    /** Why the tracking API left this message out; empty for an event it accepted. */
    public Optional<String> rejectedReason() {
        return Optional.ofNullable(rejectedReason);
    }
}
