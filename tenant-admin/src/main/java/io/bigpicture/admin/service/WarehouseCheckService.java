package io.bigpicture.admin.service;

import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.catalog.MemberRole;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseJdbc;
import io.bigpicture.warehouse.WarehouseFailure;
import io.bigpicture.warehouse.WarehouseSetup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * "Check connection": connects as the loader would and asks the warehouse what the loader will
 * need: creating schemas in the database, using the sources' schemas that exist, owning their
 * tables. Each problem comes with the statement that fixes it.
 */
@ApplicationScoped
public class WarehouseCheckService {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    @Inject
    WorkspaceService workspaces;

    @Inject
    WarehouseRepository warehouses;

    @Inject
    DestinationRepository destinations;

    @Inject
    SourceRepository sources;

    @Inject
    AdminConfig config;

    @Inject
    SecretCipher cipher;

    /** The warehouse and the schemas of the sources that load into it. */
    private record Target(Warehouse warehouse, List<String> schemas) {
    }

    public Uni<WarehouseApi.Check> check(UUID workspaceId, UUID warehouseId) {
        // the catalog in a session of its own; then JDBC, which blocks, off the event loop; the
        // answer back on the caller's event loop, where the catalog may be used again
        Context caller = Vertx.currentContext();
        return Panache.withSession(() -> target(workspaceId, warehouseId))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(this::probe)
                .emitOn(work -> caller.runOnContext(ignored -> work.run()));
    }

    private Uni<Target> target(UUID workspaceId, UUID warehouseId) {
        return workspaces.require(workspaceId, MemberRole.ADMIN)
                .chain(tenant -> warehouses.inTenant(tenant.id(), warehouseId))
                .chain(warehouse -> {
                    if (warehouse == null) {
                        throw ApiException.notFound("warehouse " + warehouseId);
                    }
                    return destinations.intoWarehouse(workspaceId, warehouseId)
                            .chain(loading -> sources.ofTenant(workspaceId).map(all -> all.stream()
                                    .filter(source -> loading.stream().anyMatch(destination -> destination.sourceId().equals(source.id())))
                                    .map(Source::schemaName).sorted().toList()))
                            .map(schemas -> new Target(warehouse, schemas));
                });
    }

    private WarehouseApi.Check probe(Target target) {
        Warehouse.Connection at = target.warehouse().connection();
        String user = at.username();
        List<String> problems = new ArrayList<>();
        List<WarehouseSetup.ExistingSchema> existing = new ArrayList<>();
        try (Connection connection = WarehouseJdbc.connect(target.warehouse(), cipher.decrypt(target.warehouse().passwordSecret()),
                "bigpicture-check", CONNECT_TIMEOUT_SECONDS)) {
            if (!truth(connection, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
                problems.add("user " + user + " may not create schemas in database " + at.database() + ". Run as an admin: "
                        + WarehouseSetup.grantCreateOnDatabase(at.database(), user));
            }
            for (String schema : target.schemas()) {
                if (!truth(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", schema)) {
                    continue;
                }
                if (!truth(connection, "SELECT has_schema_privilege(?, 'USAGE') AND has_schema_privilege(?, 'CREATE')", schema, schema)) {
                    problems.add("user " + user + " may not use schema " + schema + ". Run as an admin: " + WarehouseSetup.grantOnSchema(schema, user));
                }
                List<String> notOwned = texts(connection,
                        "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tableowner <> current_user ORDER BY tablename", schema);
                notOwned.forEach(table -> problems.add("user " + user + " does not own table " + schema + "." + table
                        + ", so it cannot add columns to it. Run as an admin: " + WarehouseSetup.takeOwnership(schema, table, user)));
                existing.add(new WarehouseSetup.ExistingSchema(schema, notOwned));
            }
        } catch (SQLException e) {
            problems.add(WarehouseFailure.classify(e.getSQLState(), e.getMessage(),
                    new WarehouseFailure.Context(at.host(), at.port(), at.database(), user, null)).message());
        }
        return new WarehouseApi.Check(problems.isEmpty(), problems, WarehouseSetup.statements(at.database(), user, existing),
                config.console().loaderAddresses());
    }

    private static boolean truth(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static List<String> texts(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                texts.add(result.getString(1));
            }
        }
        return texts;
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }
}
