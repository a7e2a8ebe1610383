package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.DestinationApi;
import io.bigpicture.admin.api.FilterApi;
import io.bigpicture.admin.service.FilterService;
import io.bigpicture.admin.service.SourceService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A source's destinations (the warehouses it loads into) and each one's filters. Answered only from
 * the workspace's rows, and only to its members (see {@link WorkspaceService}); the services own
 * validation, access and transactions.
 */
@Path("/api/workspaces/{workspace}/sources/{source}/destinations/{warehouse}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {

    @Inject
    FilterService filters;

    @Inject
    SourceService sources;

    /** Without a body: loads there (its own schema when new). {@code {"schema": "..."}}: into that schema from the next sync. */
    @PUT
    public Uni<Response> connect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                 @PathParam("warehouse") UUID warehouse, DestinationApi.Settings settings) {
        return sources.connect(workspace, source, warehouse, settings).replaceWith(Response.noContent().build());
    }

    @GET
    public Uni<DestinationApi.View> destination(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                                @PathParam("warehouse") UUID warehouse) {
        return sources.destination(workspace, source, warehouse);
    }

    @DELETE
    public Uni<Response> disconnect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                    @PathParam("warehouse") UUID warehouse) {
        return sources.disconnect(workspace, source, warehouse).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/filters")
    public Uni<FilterApi.Settings> filters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                           @PathParam("warehouse") UUID warehouse) {
        return filters.get(workspace, source, warehouse);
    }

    /** From the next sync on, for data not loaded yet. */
    @PUT
    @Path("/filters")
    public Uni<FilterApi.Settings> setFilters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                              @PathParam("warehouse") UUID warehouse, FilterApi.Settings request) {
        return filters.set(workspace, source, warehouse, request);
    }

    /** The audit log, newest first. */
    @GET
    @Path("/filters/changes")
    public Uni<List<FilterApi.Change>> filterChanges(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                                     @PathParam("warehouse") UUID warehouse) {
        return filters.changes(workspace, source, warehouse);
    }
}
