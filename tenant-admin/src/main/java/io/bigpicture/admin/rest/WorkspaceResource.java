package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.FilterApi;
import io.bigpicture.admin.api.MemberApi;
import io.bigpicture.admin.api.SchemaApi;
import io.bigpicture.admin.api.SourceApi;
import io.bigpicture.admin.api.SyncApi;
import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.api.WorkspaceApi;
import io.bigpicture.admin.service.FilterService;
import io.bigpicture.admin.service.SchemaService;
import io.bigpicture.admin.service.SourceService;
import io.bigpicture.admin.service.SyncService;
import io.bigpicture.admin.service.WarehouseCheckService;
import io.bigpicture.admin.service.WarehouseService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * The tenant REST API: workspaces and, inside one, its members, sources, warehouses and syncs.
 * Every path below a workspace is answered only from that workspace's rows, and only to its
 * members (see {@link WorkspaceService}). Translates HTTP; the services own validation, access and
 * transactions.
 */
@Path("/api/workspaces")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    @Inject
    FilterService filters;

    @Inject
    WorkspaceService workspaces;

    @Inject
    SourceService sources;

    @Inject
    WarehouseService warehouses;

    @Inject
    SyncService syncs;

    @Inject
    SchemaService schemas;

    @Inject
    WarehouseCheckService checks;

    @POST
    public Uni<Response> createWorkspace(WorkspaceApi.Create request) {
        return workspaces.create(request).map(RestResponses::created);
    }

    @GET
    public Uni<List<WorkspaceApi.View>> listWorkspaces(@QueryParam("name") String name) {
        return workspaces.list(name);
    }

    @GET
    @Path("/{workspace}/members")
    public Uni<List<MemberApi.View>> listMembers(@PathParam("workspace") UUID workspace) {
        return workspaces.members(workspace);
    }

    @POST
    @Path("/{workspace}/members")
    public Uni<Response> invite(@PathParam("workspace") UUID workspace, MemberApi.Invite request) {
        return workspaces.invite(workspace, request).map(RestResponses::created);
    }

    @DELETE
    @Path("/{workspace}/members/{member}")
    public Uni<Response> removeMember(@PathParam("workspace") UUID workspace, @PathParam("member") UUID member) {
        return workspaces.remove(workspace, member).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{workspace}/sources")
    public Uni<Response> createSource(@PathParam("workspace") UUID workspace, SourceApi.Create request) {
        return sources.create(workspace, request).map(RestResponses::created);
    }

    @GET
    @Path("/{workspace}/sources")
    public Uni<List<SourceApi.View>> listSources(@PathParam("workspace") UUID workspace, @QueryParam("name") String name) {
        return sources.list(workspace, name);
    }

    /** Its keys stop working and it loads no more; its data in the warehouses stays. */
    @DELETE
    @Path("/{workspace}/sources/{source}")
    public Uni<Response> deleteSource(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return sources.delete(workspace, source).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{workspace}/sources/{source}/write-keys")
    public Uni<Response> rotateWriteKey(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return sources.rotateWriteKey(workspace, source).map(RestResponses::created);
    }

    @GET
    @Path("/{workspace}/sources/{source}/events")
    public Uni<List<SourceApi.RecentEventView>> recentEvents(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return sources.recentEvents(workspace, source);
    }

    @PUT
    @Path("/{workspace}/sources/{source}/allowed-origins")
    public Uni<SourceApi.View> allowOrigins(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                            SourceApi.AllowedOrigins request) {
        return sources.allowOrigins(workspace, source, request);
    }

    @PUT
    @Path("/{workspace}/sources/{source}/destinations/{warehouse}")
    public Uni<Response> connect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                 @PathParam("warehouse") UUID warehouse) {
        return sources.connect(workspace, source, warehouse).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{workspace}/sources/{source}/destinations/{warehouse}")
    public Uni<Response> disconnect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                    @PathParam("warehouse") UUID warehouse) {
        return sources.disconnect(workspace, source, warehouse).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{workspace}/sources/{source}/destinations/{warehouse}/filters")
    public Uni<FilterApi.Settings> filters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                           @PathParam("warehouse") UUID warehouse) {
        return filters.get(workspace, source, warehouse);
    }

    /** From the next sync on, for data not loaded yet. */
    @PUT
    @Path("/{workspace}/sources/{source}/destinations/{warehouse}/filters")
    public Uni<FilterApi.Settings> setFilters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                              @PathParam("warehouse") UUID warehouse, FilterApi.Settings request) {
        return filters.set(workspace, source, warehouse, request);
    }

    /** The audit log, newest first. */
    @GET
    @Path("/{workspace}/sources/{source}/destinations/{warehouse}/filters/changes")
    public Uni<List<FilterApi.Change>> filterChanges(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                                     @PathParam("warehouse") UUID warehouse) {
        return filters.changes(workspace, source, warehouse);
    }

    @POST
    @Path("/{workspace}/sources/{source}/syncs")
    public Uni<Response> syncNow(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return syncs.requestNow(workspace, source).map(requested -> Response.accepted(requested).build());
    }

    @POST
    @Path("/{workspace}/warehouses")
    public Uni<Response> createWarehouse(@PathParam("workspace") UUID workspace, WarehouseApi.Create request) {
        return warehouses.create(workspace, request).map(RestResponses::created);
    }

    @GET
    @Path("/{workspace}/warehouses")
    public Uni<List<WarehouseApi.View>> listWarehouses(@PathParam("workspace") UUID workspace) {
        return warehouses.list(workspace);
    }

    @PUT
    @Path("/{workspace}/warehouses/{warehouse}/schedule")
    public Uni<WarehouseApi.View> reschedule(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse,
                                             WarehouseApi.Schedule request) {
        return warehouses.reschedule(workspace, warehouse, request);
    }

    @POST
    @Path("/{workspace}/warehouses/{warehouse}/check")
    public Uni<WarehouseApi.Check> checkWarehouse(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse) {
        return checks.check(workspace, warehouse);
    }

    @GET
    @Path("/{workspace}/schema")
    public Uni<List<SchemaApi.Table>> schema(@PathParam("workspace") UUID workspace) {
        return schemas.tables(workspace);
    }

    @GET
    @Path("/{workspace}/syncs")
    public Uni<List<SyncApi.JobView>> syncHistory(@PathParam("workspace") UUID workspace,
                                                  @QueryParam("limit") @DefaultValue("20") int limit) {
        return syncs.latest(workspace, limit);
    }

    @GET
    @Path("/{workspace}/syncs/{job}")
    public Uni<SyncApi.JobView> syncJob(@PathParam("workspace") UUID workspace, @PathParam("job") UUID job) {
        return syncs.job(workspace, job);
    }
}
