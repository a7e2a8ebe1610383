package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One of a source's latest events, for the live events view: its JSON as the stager received it
 * (cut to {@link #MAX_BODY_CHARS}), kept only among the newest {@link #KEPT_PER_SOURCE}.
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

    protected RecentEvent() {
    }

    public RecentEvent(UUID tenantId, UUID sourceId, Instant receivedAt, String messageId, String type, String event, String body) {
        super(UUID.randomUUID(), tenantId);
        this.sourceId = sourceId;
        this.receivedAt = receivedAt;
        this.messageId = messageId == null || messageId.length() <= 100 ? messageId : messageId.substring(0, 100);
        this.type = type;
        this.event = event == null || event.length() <= 200 ? event : event.substring(0, 200);
        this.body = body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "…";
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
}
