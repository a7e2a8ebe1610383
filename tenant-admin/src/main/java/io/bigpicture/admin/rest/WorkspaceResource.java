package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.WorkspaceApi;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Workspaces: the caller's, and new ones (the caller becomes their admin). The paths below a
 * workspace have a resource each ({@link SourceResource}, {@link WarehouseResource}, ...); the
 * services own validation, access and transactions.
 */
@Path("/api/workspaces")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    @Inject
    WorkspaceService workspaces;

    @POST
    public Uni<Response> createWorkspace(WorkspaceApi.Create request) {
        return workspaces.create(request).map(RestResponses::created);
    }

    @GET
    public Uni<List<WorkspaceApi.View>> listWorkspaces(@QueryParam("name") String name) {
        return workspaces.list(name);
    }
}
