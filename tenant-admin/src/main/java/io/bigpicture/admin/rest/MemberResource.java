package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.MemberApi;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's members and their roles. Answered only from the workspace's rows, and only to its
 * members (see {@link WorkspaceService}); the services own validation, access and transactions.
 */
@Path("/api/workspaces/{workspace}/members")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    @Inject
    WorkspaceService workspaces;

    @GET
    public Uni<List<MemberApi.View>> listMembers(@PathParam("workspace") UUID workspace) {
        return workspaces.members(workspace);
    }

    @POST
    public Uni<Response> invite(@PathParam("workspace") UUID workspace, MemberApi.Invite request) {
        return workspaces.invite(workspace, request).map(RestResponses::created);
    }

    @DELETE
    @Path("/{member}")
    public Uni<Response> removeMember(@PathParam("workspace") UUID workspace, @PathParam("member") UUID member) {
        return workspaces.remove(workspace, member).replaceWith(Response.noContent().build());
    }
}
