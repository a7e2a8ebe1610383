package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.SyncApi;
import io.bigpicture.admin.service.SyncService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The history of a workspace's syncs, and one sync's steps. Answered only from the workspace's rows,
 * and only to its members (see {@link WorkspaceService}); the services own validation, access and
 * transactions.
 */
@Path("/api/workspaces/{workspace}/syncs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    @Inject
    SyncService syncs;

    @GET
    public Uni<List<SyncApi.JobView>> syncHistory(@PathParam("workspace") UUID workspace,
                                                  @QueryParam("limit") @DefaultValue("20") int limit) {
        return syncs.latest(workspace, limit);
    }

    @GET
    @Path("/{job}")
    public Uni<SyncApi.JobView> syncJob(@PathParam("workspace") UUID workspace, @PathParam("job") UUID job) {
        return syncs.job(workspace, job);
    }
}
