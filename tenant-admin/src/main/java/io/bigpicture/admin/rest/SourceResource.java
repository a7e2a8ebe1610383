package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.SourceApi;
import io.bigpicture.admin.service.SourceService;
import io.bigpicture.admin.service.SyncService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
 * A workspace's sources: their write keys, allowed origins, latest events, and a sync now. Answered
 * only from the workspace's rows, and only to its members (see {@link WorkspaceService}); the
 * services own validation, access and transactions.
 */
@Path("/api/workspaces/{workspace}/sources")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    @Inject
    SourceService sources;

    @Inject
    SyncService syncs;

    @POST
    public Uni<Response> createSource(@PathParam("workspace") UUID workspace, SourceApi.Create request) {
        return sources.create(workspace, request).map(RestResponses::created);
    }

    @GET
    public Uni<List<SourceApi.View>> listSources(@PathParam("workspace") UUID workspace, @QueryParam("name") String name) {
        return sources.list(workspace, name);
    }

    /** Its keys stop working and it loads no more; its data in the warehouses stays. */
    @DELETE
    @Path("/{source}")
    public Uni<Response> deleteSource(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return sources.delete(workspace, source).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{source}/write-keys")
    public Uni<Response> rotateWriteKey(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                        @QueryParam("revokePrevious") boolean revokePrevious) {
        return sources.rotateWriteKey(workspace, source, revokePrevious).map(RestResponses::created);
    }

    @GET
    @Path("/{source}/events")
    public Uni<List<SourceApi.RecentEventView>> recentEvents(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return sources.recentEvents(workspace, source);
    }

    @PUT
    @Path("/{source}/allowed-origins")
    public Uni<SourceApi.View> allowOrigins(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                            SourceApi.AllowedOrigins request) {
        return sources.allowOrigins(workspace, source, request);
    }

    @POST
    @Path("/{source}/syncs")
    public Uni<Response> syncNow(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return syncs.requestNow(workspace, source).map(requested -> Response.accepted(requested).build());
    }
}
