package io.bigpicture.admin.console;

import io.bigpicture.admin.api.DestinationApi;
import io.bigpicture.admin.api.FilterApi;
import io.bigpicture.admin.api.MemberApi;
import io.bigpicture.admin.api.SchemaApi;
import io.bigpicture.admin.api.SourceApi;
import io.bigpicture.admin.api.SyncApi;
import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.api.WorkspaceApi;
import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.api.ApiException;
import io.bigpicture.admin.service.FilterService;
import io.bigpicture.admin.service.SchemaService;
import io.bigpicture.admin.service.SourceService;
import io.bigpicture.admin.service.SyncService;
import io.bigpicture.admin.service.WarehouseCheckService;
import io.bigpicture.admin.service.WarehouseService;
import io.bigpicture.admin.service.WorkspaceService;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.warehouse.dialect.WarehouseKind;
import io.bigpicture.warehouse.filter.DestinationFilters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The web console: server-rendered pages over the same services as the REST API, for the person
 * signed in through Keycloak (authorization code flow). A form posts, and the page it leads to
 * shows the outcome, or the same page again with what was wrong. A form posted from another site
 * never gets here (see {@link io.bigpicture.admin.security.CrossOriginCheck}).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** Sync history rows on a workspace's page. */
    private static final int JOBS_SHOWN = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance workspaces(List<WorkspaceApi.View> workspaces, String error);

        static native TemplateInstance workspace(WorkspacePage page, String error);

        static native TemplateInstance warehouseCheck(WorkspaceApi.View workspace, String warehouseName, WarehouseApi.Check check);

        static native TemplateInstance liveEvents(WorkspaceApi.View workspace, UUID sourceId, List<SourceApi.RecentEventView> events);

        static native TemplateInstance schema(WorkspaceApi.View workspace, List<SchemaApi.Table> tables);

        static native TemplateInstance sourceCreated(WorkspaceApi.View workspace, SourceApi.Created source, String ingestUrl);

        static native TemplateInstance keyRotated(WorkspaceApi.View workspace, SourceApi.NewWriteKey key, boolean revoked, String ingestUrl);

        static native TemplateInstance filters(WorkspaceApi.View workspace, SourceApi.View source, List<FilterPanel> panels, String error);

        static native TemplateInstance destinationSchema(WorkspaceApi.View workspace, SourceApi.View source, WarehouseApi.View warehouse,
                                                         String current, List<WarehouseApi.ExistingSchema> schemas, String error);
    }

    /** One warehouse's filters of a source: the form's fields, the tables to tick, the latest changes. */
    public record FilterPanel(WarehouseApi.View warehouse, FilterApi.Settings settings, String eventRules, String propertyRules,
                              List<SchemaApi.Table> tables, List<FilterApi.Change> changes) {

        public boolean loads(String table) {
            return !settings.excludedTables().contains(table);
        }

        public boolean loads(String table, String column) {
            return !settings.excludedColumns().contains(table + "." + column);
        }
    }

    /** Changes shown under each warehouse's filters; the API has them all. */
    private static final int CHANGES_SHOWN = 10;

    /** Everything a workspace's page shows. */
    public record WorkspacePage(WorkspaceApi.View workspace, List<SourceApi.View> sources, List<WarehouseApi.View> warehouses,
                                List<SyncApi.JobView> jobs, SyncChart chart, List<MemberApi.View> members) {

        /** The hours of a day, for quiet hours. */
        public List<Integer> hours() {
            return IntStream.range(0, 24).boxed().toList();
        }

        /** The warehouses a source loads into. */
        public List<WarehouseApi.View> warehousesOf(SourceApi.View source) {
            return warehouses.stream().filter(warehouse -> source.warehouseIds().contains(warehouse.id())).toList();
        }
    }

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

    @Inject
    FilterService filters;

    @Inject
    AdminConfig config;

    /** The person's workspaces; someone who has none yet is asked to name their first. */
    @GET
    public Uni<TemplateInstance> home() {
        return workspaces.list(null).map(mine -> Templates.workspaces(mine, null));
    }

    @POST
    @Path("/workspaces")
    public Uni<Object> createWorkspace(@RestForm String name) {
        return workspaces.create(new WorkspaceApi.Create(name))
                .<Object>map(created -> seeOther("/console/workspaces/" + created.id()))
                .onFailure(ApiException.class).recoverWithUni(failure ->
                        workspaces.list(null).map(mine -> Templates.workspaces(mine, failure.getMessage())));
    }

    @GET
    @Path("/workspaces/{workspace}")
    public Uni<TemplateInstance> workspace(@PathParam("workspace") UUID workspace) {
        return page(workspace, null);
    }

    /** Refreshes itself every few seconds. */
    @GET
    @Path("/workspaces/{workspace}/sources/{source}/events")
    public Uni<TemplateInstance> liveEvents(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return workspaces.view(workspace).chain(ws -> sources.recentEvents(workspace, source).map(events -> Templates.liveEvents(ws, source, events)));
    }

    @GET
    @Path("/workspaces/{workspace}/schema")
    public Uni<TemplateInstance> schema(@PathParam("workspace") UUID workspace) {
        return workspaces.view(workspace).chain(ws -> schemas.tables(workspace).map(tables -> Templates.schema(ws, tables)));
    }

    /** The write key is on this page once, never again. */
    @POST
    @Path("/workspaces/{workspace}/sources")
    public Uni<Object> createSource(@PathParam("workspace") UUID workspace, @RestForm String name) {
        return refusedShownOn(workspace, sources.create(workspace, new SourceApi.Create(name))
                .chain(created -> workspaces.view(workspace).map(ws -> Templates.sourceCreated(ws, created, config.console().ingestUrl()))));
    }

    /**
     * A new key, shown this once; the source's earlier keys keep working for the grace period, or
     * stop now when {@code revokePrevious} (a leaked key).
     */
    @POST
    @Path("/workspaces/{workspace}/sources/{source}/write-keys")
    public Uni<Object> rotateWriteKey(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                      @RestForm boolean revokePrevious) {
        return refusedShownOn(workspace, sources.rotateWriteKey(workspace, source, revokePrevious)
                .chain(key -> workspaces.view(workspace).map(ws -> Templates.keyRotated(ws, key, revokePrevious, config.console().ingestUrl()))));
    }

    /** A PostgreSQL or Redshift warehouse; for Redshift, also where its load files go and how it reads them. */
    @POST
    @Path("/workspaces/{workspace}/warehouses")
    public Uni<Object> createWarehouse(@PathParam("workspace") UUID workspace, @RestForm String name, @RestForm WarehouseKind kind,
                                       @RestForm String host, @RestForm Integer port, @RestForm String database,
                                       @RestForm String username, @RestForm String password, @RestForm String tls,
                                       @RestForm String s3Bucket, @RestForm String s3Region, @RestForm String iamRole,
                                       @RestForm String awsAccessKeyId, @RestForm String awsSecretAccessKey,
                                       @RestForm String syncIntervalMinutes, @RestForm String syncCron, @RestForm String varcharLength) {
        // the load files' settings of a kind that reads none from S3 are left unused by the service
        WarehouseApi.Create request = new WarehouseApi.Create(name, kind, host, port, database, username, password, tls, null,
                blankToNull(s3Bucket), blankToNull(s3Region), blankToNull(iamRole), blankToNull(awsAccessKeyId),
                blankToNull(awsSecretAccessKey), minutes(syncIntervalMinutes, syncCron), blankToNull(syncCron), length(varcharLength));
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> warehouses.create(workspace, request)));
    }

    @POST
    @Path("/workspaces/{workspace}/warehouses/{warehouse}/schedule")
    public Uni<Object> reschedule(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse,
                                  @RestForm String syncIntervalMinutes, @RestForm String syncCron, @RestForm boolean paused,
                                  @RestForm String quietFromHour, @RestForm String quietToHour) {
        WarehouseApi.Schedule request = new WarehouseApi.Schedule(minutes(syncIntervalMinutes, syncCron), blankToNull(syncCron), paused,
                hour(quietFromHour), hour(quietToHour));
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> warehouses.reschedule(workspace, warehouse, request)));
    }

    /** The length of the text columns the loader makes in the warehouse from the next sync on. */
    @POST
    @Path("/workspaces/{workspace}/warehouses/{warehouse}/columns")
    public Uni<Object> changeColumns(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse,
                                     @RestForm String varcharLength) {
        WarehouseApi.Columns request = new WarehouseApi.Columns(length(varcharLength));
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> warehouses.changeColumns(workspace, warehouse, request)));
    }

    @POST
    @Path("/workspaces/{workspace}/warehouses/{warehouse}/check")
    public Uni<Object> checkWarehouse(@PathParam("workspace") UUID workspace, @PathParam("warehouse") UUID warehouse, @RestForm String name) {
        return refusedShownOn(workspace, checks.check(workspace, warehouse)
                .chain(check -> workspaces.view(workspace).map(ws -> Templates.warehouseCheck(ws, name, check))));
    }

    @POST
    @Path("/workspaces/{workspace}/sources/{source}/destinations")
    public Uni<Object> connect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source, @RestForm UUID warehouse) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> sources.connect(workspace, source, warehouse, null).replaceWithVoid()));
    }

    /**
     * Where the source loads in the warehouse: the schemas there it could load into, read from the
     * warehouse now (what it answered instead, when it could not), and a field for a new name.
     */
    @GET
    @Path("/workspaces/{workspace}/sources/{source}/destinations/{warehouse}/schema")
    public Uni<TemplateInstance> destinationSchema(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                                   @PathParam("warehouse") UUID warehouse) {
        return workspaces.view(workspace).chain(ws -> sources.list(workspace, null).chain(all -> warehouses.list(workspace).chain(dws -> {
            SourceApi.View loading = all.stream().filter(candidate -> candidate.id().equals(source)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("source " + source));
            WarehouseApi.View into = dws.stream().filter(candidate -> candidate.id().equals(warehouse)).findFirst()
                    .filter(candidate -> loading.schemas().containsKey(candidate.id()))
                    .orElseThrow(() -> ApiException.notFound("loading of source " + source + " into warehouse " + warehouse));
            String current = loading.schemas().get(warehouse);
            return checks.schemas(workspace, warehouse)
                    .map(schemas -> Templates.destinationSchema(ws, loading, into, current, schemas, null))
                    .onFailure(ApiException.class).recoverWithItem(failure ->
                            Templates.destinationSchema(ws, loading, into, current, List.of(), failure.getMessage()));
        })));
    }

    /** The schema the source loads into in that warehouse from the next sync; empty: the source's own. */
    @POST
    @Path("/workspaces/{workspace}/sources/{source}/destinations/{warehouse}/schema")
    public Uni<Object> loadIntoSchema(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                      @PathParam("warehouse") UUID warehouse, @RestForm String schema) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> sources.connect(workspace, source, warehouse,
                new DestinationApi.Settings(blankToNull(schema))).replaceWithVoid()));
    }

    @POST
    @Path("/workspaces/{workspace}/sources/{source}/destinations/{warehouse}/delete")
    public Uni<Object> disconnect(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source,
                                  @PathParam("warehouse") UUID warehouse) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> sources.disconnect(workspace, source, warehouse)));
    }

    /** Forms cannot send DELETE; this is the API's {@code DELETE .../sources/{source}}. */
    @POST
    @Path("/workspaces/{workspace}/sources/{source}/delete")
    public Uni<Object> deleteSource(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> sources.delete(workspace, source)));
    }

    @POST
    @Path("/workspaces/{workspace}/sources/{source}/syncs")
    public Uni<Object> syncNow(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> syncs.requestNow(workspace, source)));
    }

    /** The person who signs in with this address joins with the role. */
    @POST
    @Path("/workspaces/{workspace}/members")
    public Uni<Object> invite(@PathParam("workspace") UUID workspace, @RestForm String email, @RestForm MemberRole role) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> workspaces.invite(workspace, new MemberApi.Invite(email, role))));
    }

    @POST
    @Path("/workspaces/{workspace}/members/{member}/delete")
    public Uni<Object> removeMember(@PathParam("workspace") UUID workspace, @PathParam("member") UUID member) {
        return backToWorkspace(workspace, Uni.createFrom().deferred(() -> workspaces.remove(workspace, member)));
    }

    /** Per warehouse the source loads into: on or off, event and property rules, selective sync, the audit log. */
    @GET
    @Path("/workspaces/{workspace}/sources/{source}/filters")
    public Uni<TemplateInstance> filters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source) {
        return filtersPage(workspace, source, null);
    }

    /** Unticked tables and columns stop being loaded; rules are one per line (see FilterForm). */
    @POST
    @Path("/workspaces/{workspace}/sources/{source}/destinations/{warehouse}/filters")
    public Uni<Object> setFilters(@PathParam("workspace") UUID workspace, @PathParam("source") UUID source, @PathParam("warehouse") UUID warehouse,
                                  @RestForm boolean enabled, @RestForm DestinationFilters.EventRules.Mode mode, @RestForm String eventRules,
                                  @RestForm String propertyRules, @RestForm("known") List<String> known, @RestForm("loaded") List<String> loaded) {
        List<String> excludedTables = new ArrayList<>();
        List<String> excludedColumns = new ArrayList<>();
        for (String item : known) {
            if (!loaded.contains(item)) {
                (item.contains(".") ? excludedColumns : excludedTables).add(item);
            }
        }
        FilterApi.Settings request = new FilterApi.Settings(enabled, new DestinationFilters.EventRules(mode, FilterForm.eventRules(eventRules)),
                FilterForm.propertyRules(propertyRules), excludedTables, excludedColumns);
        return Uni.createFrom().deferred(() -> filters.set(workspace, source, warehouse, request))
                .<Object>map(saved -> seeOther("/console/workspaces/" + workspace + "/sources/" + source + "/filters"))
                .onFailure(ApiException.class).recoverWithUni(failure -> filtersPage(workspace, source, failure.getMessage()).map(page -> page));
    }

    private Uni<TemplateInstance> filtersPage(UUID workspace, UUID source, String error) {
        return workspaces.view(workspace).chain(ws -> sources.list(workspace, null).chain(all -> {
            SourceApi.View shown = all.stream().filter(candidate -> candidate.id().equals(source)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("source " + source));
            return warehouses.list(workspace).chain(dws -> schemas.tables(workspace).chain(tables -> Multi.createFrom()
                    .iterable(dws.stream().filter(dw -> shown.warehouseIds().contains(dw.id())).toList())
                    .onItem().transformToUniAndConcatenate(dw -> filters.get(workspace, source, dw.id())
                            .chain(settings -> filters.changes(workspace, source, dw.id()).map(changes -> new FilterPanel(dw, settings,
                                    FilterForm.eventRulesText(settings.filters()), FilterForm.propertyRulesText(settings.filters()),
                                    tables.stream().filter(table -> table.warehouseId().equals(dw.id())
                                            && table.schema().equals(shown.schemas().get(dw.id()))).toList(),
                                    changes.stream().limit(CHANGES_SHOWN).toList()))))
                    .collect().asList()
                    .map(panels -> Templates.filters(ws, shown, panels, error))));
        }));
    }

    /** After a change: the workspace's page (303), or the page with the reason the change was refused. */
    private Uni<Object> backToWorkspace(UUID workspace, Uni<?> change) {
        return refusedShownOn(workspace, change.map(done -> seeOther("/console/workspaces/" + workspace)));
    }

    /** What a form leads to, or the workspace's page saying why the request was refused. */
    private Uni<Object> refusedShownOn(UUID workspace, Uni<?> outcome) {
        return outcome.<Object>map(page -> page)
                .onFailure(ApiException.class).recoverWithUni(failure -> page(workspace, failure.getMessage()).map(page -> page));
    }

    private Uni<TemplateInstance> page(UUID workspace, String error) {
        return workspaces.view(workspace).chain(ws -> sources.list(workspace, null)
                .chain(all -> warehouses.list(workspace).chain(dws -> syncs.latest(workspace, JOBS_SHOWN)
                        .chain(jobs -> workspaces.members(workspace)
                                .map(members -> Templates.workspace(new WorkspacePage(ws, all, dws, jobs, SyncChart.of(jobs), members), error))))));
    }

    /** The interval chosen, unless a cron expression was given beside it (which wins); "—" is none. */
    private static Integer minutes(String interval, String cron) {
        return blankToNull(cron) != null ? null : wholeNumber(interval, "syncIntervalMinutes must be a whole number of minutes");
    }

    private static Integer length(String value) {
        return wholeNumber(value, "varcharLength: the length of new text columns is a whole number, 512 to 65535");
    }

    /** An hour of the day from a form's choice; "—" is none. */
    private static Integer hour(String value) {
        return wholeNumber(value, "quiet hours are hours of the day, 0 to 23");
    }

    /** A form's number field; empty is none, anything else but a whole number is refused in these words. */
    private static Integer wholeNumber(String value, String unlessWhole) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(unlessWhole);
        }
    }

    /** An empty form field is a value not given. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
