package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A workspace: the unit of isolation. Everything else belongs to exactly one. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;
    private String name;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Tenant() {
    }

    public Tenant(String name, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
