package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.SchemaApi;
import io.bigpicture.admin.service.SchemaService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The tables and columns the loader made, per warehouse. Answered only from the workspace's rows,
 * and only to its members (see {@link WorkspaceService}); the services own validation, access and
 * transactions.
 */
@Path("/api/workspaces/{workspace}/schema")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    @Inject
    SchemaService schemas;

    @GET
    public Uni<List<SchemaApi.Table>> schema(@PathParam("workspace") UUID workspace) {
        return schemas.tables(workspace);
    }
}
