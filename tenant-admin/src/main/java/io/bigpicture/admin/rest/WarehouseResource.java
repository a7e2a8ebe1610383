package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.service.WarehouseCheckService;
import io.bigpicture.admin.service.WarehouseService;
import io.bigpicture.admin.service.WorkspaceService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's warehouses: their settings, schedules and connection checks. Answered only from the
 * workspace's rows, and only to its members (see {@link WorkspaceService}); the services own
 * validation, access and transactions.
 */
@Path("/api/workspaces/{workspace}/warehouses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WarehouseResource {

    @Inject
    WarehouseService warehouses;

    @Inject
    WarehouseCheckService checks;

    @POST
    public Uni<Response> createWarehouse(@PathParam("workspace") UUID workspace, WarehouseApi.Create request) {
        return warehouses.create(workspace, request).map(RestResponses::created);
    }

    @GET
    public Uni<List<WarehouseApi.View>> listWarehouses(@PathParam("workspace") UUID workspace) {
        return warehouses.list(workspace);
    }

    @PUT
    @Path("/{warehouse}/schedule")
    public Uni<WarehouseApi.View> reschedule(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse,
                                             WarehouseApi.Schedule request) {
        return warehouses.reschedule(workspace, warehouse, request);
    }

    @PUT
    @Path("/{warehouse}/columns")
    public Uni<WarehouseApi.View> changeColumns(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse,
                                                WarehouseApi.Columns request) {
        return warehouses.changeColumns(workspace, warehouse, request);
    }

    /** The schemas a source could load into, read from the warehouse now. */
    @GET
    @Path("/{warehouse}/schemas")
    public Uni<List<WarehouseApi.ExistingSchema>> schemas(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse) {
        return checks.schemas(workspace, warehouse);
    }

    @POST
    @Path("/{warehouse}/check")
    public Uni<WarehouseApi.Check> checkWarehouse(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse) {
        return checks.check(workspace, warehouse);
    }
}
