package io.bigpicture.admin.api;

import io.bigpicture.catalog.Tenant;
import java.time.Instant;
import java.util.UUID;

/** Workspaces (tenants) in the API. */
public final class WorkspaceApi {

    private WorkspaceApi() {
    }

    public record Create(String name) {
    }

    public record View(UUID id, String name, Instant createdAt) {
        public static View of(Tenant tenant) {
            return new View(tenant.id(), tenant.name(), tenant.createdAt());
        }
    }
}
