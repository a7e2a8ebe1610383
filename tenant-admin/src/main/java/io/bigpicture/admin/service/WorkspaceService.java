package io.bigpicture.admin.service;

import io.bigpicture.admin.api.WorkspaceApi;
import io.bigpicture.catalog.Tenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WorkspaceService {

    @Inject
    TenantRepository tenants;

    @WithTransaction
    public Uni<WorkspaceApi.View> create(WorkspaceApi.Create request) {
        String name = Names.require(request == null ? null : request.name(), "workspace");
        return tenants.named(name).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("a workspace named " + name + " exists");
            }
            return tenants.persist(new Tenant(name, Instant.now())).map(WorkspaceApi.View::of);
        });
    }

    /** With a name: that workspace only (the admin token sees all workspaces). */
    @WithSession
    public Uni<List<WorkspaceApi.View>> list(String name) {
        Uni<List<Tenant>> found = name == null ? tenants.listAll() : tenants.named(name).map(t -> t == null ? List.of() : List.of(t));
        return found.map(all -> all.stream().map(WorkspaceApi.View::of).toList());
    }

    /** The workspace a request is about; 404 when there is none. */
    public Uni<Tenant> require(UUID workspaceId) {
        return tenants.findById(workspaceId).invoke(tenant -> {
            if (tenant == null) {
                throw ApiException.notFound("workspace " + workspaceId);
            }
        });
    }
}
