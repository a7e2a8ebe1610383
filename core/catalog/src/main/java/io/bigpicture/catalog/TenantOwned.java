package io.bigpicture.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** Every catalog row below a tenant: its own id and the tenant it belongs to, which every query names. */
@MappedSuperclass
public abstract class TenantOwned {

    @Id
    private UUID id;
    @Column(name = "tenant_id")
    private UUID tenantId;

    protected TenantOwned() {
    }

    protected TenantOwned(UUID id, UUID tenantId) {
        this.id = id;
        this.tenantId = tenantId;
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }
}
