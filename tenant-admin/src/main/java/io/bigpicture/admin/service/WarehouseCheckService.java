package io.bigpicture.admin.service;

import static io.bigpicture.warehouse.WarehouseSetup.CHECK_SCHEMA;

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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * "Check connection", step by step as the loader would go: reach the host, log in, create a
 * schema, create, alter and drop a table in it, and use the schemas of the sources that load here
 * (owning their tables). Each step reports what it found; a failed one names the fix, and the steps
 * that need it are skipped.
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
        WarehouseFailure.Context context = new WarehouseFailure.Context(at.host(), at.port(), at.database(), user, CHECK_SCHEMA);
        CheckSteps steps = new CheckSteps(context);
        List<WarehouseSetup.ExistingSchema> existing = new ArrayList<>();
        boolean reached = steps.run("reach " + at.host() + ":" + at.port(), () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(at.host(), at.port()), CONNECT_TIMEOUT_SECONDS * 1000);
            } catch (IOException unreachable) {
                throw new SQLException(unreachable.getMessage(), "08001", unreachable);
            }
            return "the host answers on port " + at.port();
        });
        if (!reached) {
            steps.skip("log in as " + user, "create a schema", "create, alter and drop a table", "use the sources' schemas");
            return steps.check(at, user, existing);
        }
        Connection loggedIn;
        try {
            loggedIn = WarehouseJdbc.connect(target.warehouse(), cipher.decrypt(target.warehouse().passwordSecret()), "bigpicture-check",
                    CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException refused) {
            steps.failed("log in as " + user, refused);
            steps.skip("create a schema", "create, alter and drop a table", "use the sources' schemas");
            return steps.check(at, user, existing);
        }
        steps.passed("log in as " + user, "logged in to database " + at.database());
        try (Connection connection = loggedIn) {
            boolean schemaExisted = truth(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", CHECK_SCHEMA);
            boolean schema = steps.run("create a schema", () -> {
                execute(connection, WarehouseSetup.createCheckSchema());
                return schemaExisted ? "used the existing schema " + CHECK_SCHEMA : "created schema " + CHECK_SCHEMA + " (and dropped it after)";
            });
            if (schema) {
                String table = "check_" + UUID.randomUUID().toString().substring(0, 8);
                steps.run("create, alter and drop a table", () -> {
                    for (String sql : WarehouseSetup.tableRoundTrip(table)) {
                        execute(connection, sql);
                    }
                    return "created " + CHECK_SCHEMA + "." + table + ", added a column, dropped it";
                });
                if (!schemaExisted) {
                    execute(connection, WarehouseSetup.dropCheckSchema());
                }
            } else {
                steps.skip("create, alter and drop a table");
            }
            steps.run("use the sources' schemas", () -> {
                List<String> problems = sourceSchemaProblems(connection, target.schemas(), user, existing);
                if (!problems.isEmpty()) {
                    throw new CheckProblems(problems);
                }
                return target.schemas().isEmpty() ? "no source loads here yet" : "may use and change " + String.join(", ", target.schemas());
            });
        } catch (SQLException dropped) {
            steps.failed("finish the check", dropped);
        }
        return steps.check(at, user, existing);
    }

    /** What the loader may not do in the schemas of the sources that load here (those that exist), each with its fix. */
    private static List<String> sourceSchemaProblems(Connection connection, List<String> schemas, String user,
                                                     List<WarehouseSetup.ExistingSchema> existing) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String schema : schemas) {
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
        return problems;
    }

    /** The steps as they run; a failed step's problems, in words with their fixes, are the check's problems. */
    private final class CheckSteps {
        private final WarehouseFailure.Context context;
        private final List<WarehouseApi.CheckStep> steps = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        CheckSteps(WarehouseFailure.Context context) {
            this.context = context;
        }

        /** @return whether the step passed */
        boolean run(String name, CheckWork work) {
            try {
                passed(name, work.run());
                return true;
            } catch (CheckProblems found) {
                problems.addAll(found.problems);
                steps.add(new WarehouseApi.CheckStep(name, WarehouseApi.CheckStep.Outcome.FAILED, String.join(" ", found.problems)));
            } catch (SQLException failed) {
                failed(name, failed);
            }
            return false;
        }

        void passed(String name, String detail) {
            steps.add(new WarehouseApi.CheckStep(name, WarehouseApi.CheckStep.Outcome.PASSED, detail));
        }

        void failed(String name, SQLException failure) {
            String problem = WarehouseFailure.classify(failure.getSQLState(), failure.getMessage(), context).message();
            problems.add(problem);
            steps.add(new WarehouseApi.CheckStep(name, WarehouseApi.CheckStep.Outcome.FAILED, problem));
        }

        void skip(String... names) {
            for (String name : names) {
                steps.add(new WarehouseApi.CheckStep(name, WarehouseApi.CheckStep.Outcome.SKIPPED, "not tried: a step before it failed"));
            }
        }

        WarehouseApi.Check check(Warehouse.Connection at, String user, List<WarehouseSetup.ExistingSchema> existing) {
            return new WarehouseApi.Check(problems.isEmpty(), List.copyOf(steps), List.copyOf(problems),
                    WarehouseSetup.statements(at.database(), user, existing), config.console().loaderAddresses());
        }
    }

    @FunctionalInterface
    private interface CheckWork {
        /** @return what the step found, in words */
        String run() throws SQLException;
    }

    /** Problems a step found, each already in words with its fix. */
    private static final class CheckProblems extends SQLException {
        private final transient List<String> problems;

        CheckProblems(List<String> problems) {
            super(String.join(" ", problems));
            this.problems = problems;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
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
