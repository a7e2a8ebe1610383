package io.bigpicture.admin.service;

import static io.bigpicture.warehouse.WarehouseSetup.CHECK_SCHEMA;

import io.bigpicture.admin.api.WarehouseApi;
import io.bigpicture.admin.storage.CheckFiles;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.Redaction;
import io.bigpicture.warehouse.TableNamer;
import io.bigpicture.warehouse.WarehouseFailure;
import io.bigpicture.warehouse.WarehouseSetup;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseConnector;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Check connection", step by step as the loader would go: reach the host, log in, create a
 * schema, create, alter and drop a table in it, and use the schemas of the sources that load here
 * (owning their tables). Where the warehouse reads load files from S3 (Redshift) also: COPY a test
 * file from the load files' bucket with the warehouse's IAM role or keys, and read its slice count.
 * Each step reports what it found; a failed one names the fix, and the steps that need it are
 * skipped. Plain JDBC, no framework: {@link WarehouseCheckService} runs it off the event loop.
 */
final class ConnectionCheck {

    private static final String CREATE_SCHEMA = "create a schema";
    private static final String TABLE_ROUND_TRIP = "create, alter and drop a table";
    private static final String COPY_FROM_S3 = "copy a test file from S3";
    private static final String READ_SLICES = "read the slice count";
    private static final String SOURCE_SCHEMAS = "use the sources' schemas";

    private final SecretCipher cipher;
    private final WarehouseAddresses addresses;
    private final CheckFiles checkFiles;
    private final List<String> loaderAddresses;
    private final SessionLimits limits;
    private final TlsTrust trust;

    /** @param loaderAddresses what the customer's firewall must let in, told with every answer */
    ConnectionCheck(SecretCipher cipher, WarehouseAddresses addresses, TlsTrust trust, CheckFiles checkFiles, List<String> loaderAddresses,
                    SessionLimits limits) {
        this.cipher = cipher;
        this.addresses = addresses;
        this.trust = trust;
        this.checkFiles = checkFiles;
        this.loaderAddresses = List.copyOf(loaderAddresses);
        this.limits = limits;
    }

    /** The steps on the warehouse; {@code sourceSchemas}: the schemas of the sources that load into it. */
    WarehouseApi.Check run(Warehouse warehouse, List<String> sourceSchemas) {
        Endpoint at = warehouse.connection();
        String user = at.username();
        WarehouseConnector connector = warehouse.kind().connector();
        WarehouseDialect dialect = warehouse.dialect();
        boolean fromS3 = dialect instanceof CopyFromS3;
        WarehouseFailure.Context context = new WarehouseFailure.Context(at.host(), at.port(), at.database(), user, CHECK_SCHEMA);
        CheckSteps steps = new CheckSteps(context);
        List<WarehouseSetup.ExistingSchema> existing = new ArrayList<>();
        String login = "log in as " + user;
        Optional<InetAddress> address = reach(steps, at);
        if (address.isEmpty()) {
            steps.skip(login);
            steps.skip(afterLogin(fromS3));
            return steps.check(at, user, existing);
        }
        Connection loggedIn;
        try {
            loggedIn = connector.connect(at, address.get(), warehouse.password(cipher), "bigpicture-check", limits, trust);
        } catch (SQLException refused) {
            steps.failed(login, refused);
            steps.skip(afterLogin(fromS3));
            return steps.check(at, user, existing);
        }
        steps.passed(login, "logged in to database " + at.database());
        try (Connection connection = loggedIn) {
            boolean schemaExisted = truth(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", CHECK_SCHEMA);
            boolean schema = steps.run(CREATE_SCHEMA, () -> {
                execute(connection, WarehouseSetup.createCheckSchema());
                return schemaExisted ? "used the existing schema " + CHECK_SCHEMA : "created schema " + CHECK_SCHEMA + " (and dropped it after)";
            });
            if (schema) {
                String table = "check_" + UUID.randomUUID().toString().substring(0, 8);
                boolean tables = steps.run(TABLE_ROUND_TRIP, () -> {
                    for (String sql : WarehouseSetup.tableRoundTrip(table)) {
                        execute(connection, sql);
                    }
                    return "created " + CHECK_SCHEMA + "." + table + ", added a column, dropped it";
                });
                if (dialect instanceof CopyFromS3 copying && tables) {
                    steps.run(COPY_FROM_S3, () -> copyTestFile(connection, warehouse, copying));
                } else if (fromS3) {
                    steps.skip(COPY_FROM_S3);
                }
                if (!schemaExisted) {
                    execute(connection, WarehouseSetup.dropCheckSchema());
                }
            } else {
                steps.skip(TABLE_ROUND_TRIP);
                if (fromS3) {
                    steps.skip(COPY_FROM_S3);
                }
            }
            if (dialect instanceof CopyFromS3 copying) {
                steps.run(READ_SLICES, () -> {
                    long slices;
                    try {
                        slices = number(connection, copying.sliceCountQuery());
                    } catch (SQLException hidden) {
                        if (!CopyFromS3.slicesHidden(hidden)) {
                            throw hidden;
                        }
                        return "this warehouse does not show its slices (Redshift Serverless has no stv_slices): the loader cuts each"
                                + " table's load files for the slice count of its setting bigpicture.sync.slices-when-unknown (4 unless"
                                + " set), which loads as fast as a Serverless base capacity reads";
                    }
                    if (slices < 1) {
                        // the loader then cuts each table's rows as for one slice: it loads, only slower
                        return "stv_slices shows " + user + " no slices, so loads cannot use every slice of the cluster: "
                                + WarehouseSetup.unrestrictedSystemLog(user);
                    }
                    return "the cluster has " + slices + (slices == 1 ? " slice" : " slices");
                });
            }
            steps.run(SOURCE_SCHEMAS, () -> {
                List<String> problems = sourceSchemaProblems(connection, sourceSchemas, user, existing);
                if (!problems.isEmpty()) {
                    throw new CheckProblems(problems);
                }
                return sourceSchemas.isEmpty() ? "no source loads here yet" : "may use and change " + String.join(", ", sourceSchemas);
            });
        } catch (SQLException dropped) {
            steps.failed("finish the check", dropped);
        }
        return steps.check(at, user, existing);
    }

    /**
     * The schemas a source could load into ({@link TableNamer#problemWithChosenSchema} finds nothing
     * in their names) that the loader's user may use, with their tables.
     *
     * @param sourcesBySchema the sources that load into the warehouse now, by their schema there
     */
    List<WarehouseApi.ExistingSchema> schemas(Warehouse warehouse, Map<String, List<String>> sourcesBySchema) throws SQLException {
        Endpoint at = warehouse.connection();
        InetAddress address = addresses.resolveToConnect(at.host());
        List<WarehouseApi.ExistingSchema> schemas = new ArrayList<>();
        try (Connection connection = warehouse.kind().connector().connect(at, address, warehouse.password(cipher), "bigpicture-schemas", limits, trust);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(warehouse.dialect().schemasQuery())) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (TableNamer.problemWithChosenSchema(name).isEmpty()) {
                    schemas.add(new WarehouseApi.ExistingSchema(name, rows.getLong(2), sourcesBySchema.getOrDefault(name, List.of())));
                }
            }
        }
        return schemas;
    }

    /**
     * The first step: the host's address, checked, and whether it answers on the port. An address we
     * do not connect to is refused before any packet goes to it, so what its ports say stays unsaid.
     */
    private Optional<InetAddress> reach(CheckSteps steps, Endpoint at) {
        String step = "reach " + at.host() + ":" + at.port();
        InetAddress address;
        try {
            address = addresses.resolve(at.host());
        } catch (UnknownHostException unknown) {
            steps.found(step, List.of("the host name " + at.host() + " does not resolve: check the host in the warehouse settings."));
            return Optional.empty();
        } catch (WarehouseAddresses.RefusedAddress refused) {
            steps.found(step, List.of(refused.getMessage()));
            return Optional.empty();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, at.port()), (int) limits.connect().toMillis());
        } catch (IOException unreachable) {
            steps.failed(step, new SQLException(unreachable.getMessage(), "08001", unreachable));
            return Optional.empty();
        }
        steps.passed(step, "the host answers on port " + at.port());
        return Optional.of(address);
    }

    /** The steps after logging in, in their order: the two of reading from S3 (COPY, slices) come before the sources' schemas. */
    private static String[] afterLogin(boolean fromS3) {
        return fromS3 ? new String[] {CREATE_SCHEMA, TABLE_ROUND_TRIP, COPY_FROM_S3, READ_SLICES, SOURCE_SCHEMAS}
                : new String[] {CREATE_SCHEMA, TABLE_ROUND_TRIP, SOURCE_SCHEMAS};
    }

    /**
     * The loader's way of loading from S3, on a test file. Puts a gzip CSV file and its manifest
     * into the warehouse's load files' bucket, makes a test table in the check schema and, as the
     * loader does, a temporary staging table like it, then has the cluster COPY the file into it
     * with the warehouse's IAM role or keys and counts the rows. Table and files are gone after.
     */
    private String copyTestFile(Connection connection, Warehouse warehouse, CopyFromS3 dialect) throws SQLException {
        Warehouse.CopySource source = warehouse.copySource()
                .orElseThrow(() -> new CheckProblems(List.of("the warehouse settings name no bucket for the load files: set the bucket, its"
                        + " region and the cluster's IAM role (or access keys).")));
        String secret = source.iamRole() != null ? null : warehouse.awsSecretAccessKey(cipher).orElseThrow();
        CopyCredentials credentials = source.iamRole() != null ? new CopyCredentials.IamRole(source.iamRole())
                : new CopyCredentials.AccessKeys(source.accessKeyId(), secret);
        String table = "copy_" + UUID.randomUUID().toString().substring(0, 8);
        TableLoad load = new TableLoad(CHECK_SCHEMA, table, table + "_stage", WarehouseSetup.COPY_CHECK_COLUMNS);
        CheckFiles.CheckFile file;
        try {
            file = checkFiles.put(warehouse, source.bucket(), dialect);
        } catch (CheckFiles.CheckFileException notPut) {
            throw new CheckProblems(List.of(notPut.getMessage()));
        }
        try {
            execute(connection, WarehouseSetup.createCopyCheckTable(table));
            execute(connection, dialect.createStagingTable(load));
            String copy;
            try {
                copy = dialect.copyFromManifest(load, file.manifestUrl(), credentials, source.region());
            } catch (IllegalArgumentException unusable) {
                throw new CheckProblems(List.of("the load files' settings (bucket, region, IAM role or access keys) may not contain quotes,"
                        + " backslashes or control characters: correct them in the warehouse settings."));
            }
            try {
                execute(connection, copy);
            } catch (SQLException failed) {
                // the statement holds the secret access key: it never leaves in an error's words
                throw secret == null || failed.getMessage() == null || !failed.getMessage().contains(secret) ? failed
                        : new SQLException(failed.getMessage().replace(secret, Redaction.MASK), failed.getSQLState());
            }
            long rows;
            try (Statement statement = connection.createStatement(); ResultSet counted = statement.executeQuery(dialect.countStaged(load))) {
                counted.next();
                rows = counted.getLong(1);
            }
            if (rows != WarehouseSetup.COPY_CHECK_LINES.size()) {
                throw new CheckProblems(List.of("the cluster's COPY of " + file.fileUrl() + " loaded " + rows + " rows of its "
                        + WarehouseSetup.COPY_CHECK_LINES.size() + ": this is ours to look into, not yours."));
            }
            return "the cluster loaded the " + rows + " rows of " + file.fileUrl() + " with COPY ("
                    + (source.iamRole() != null ? "IAM role " + source.iamRole() : "access key " + source.accessKeyId()) + ")";
        } finally {
            quietly(connection, dialect.dropStagingTable(load));
            quietly(connection, WarehouseSetup.dropCheckTable(table));
            checkFiles.delete(file);
        }
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
                found(name, found.problems);
            } catch (SQLException failed) {
                failed(name, failed);
            }
            return false;
        }

        /** The step failed with these problems, each already in words with its fix. */
        void found(String name, List<String> found) {
            problems.addAll(found);
            steps.add(new WarehouseApi.CheckStep(name, WarehouseApi.CheckStep.Outcome.FAILED, String.join(" ", found)));
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

        WarehouseApi.Check check(Endpoint at, String user, List<WarehouseSetup.ExistingSchema> existing) {
            return new WarehouseApi.Check(problems.isEmpty(), List.copyOf(steps), List.copyOf(problems),
                    WarehouseSetup.statements(at.database(), user, existing), loaderAddresses);
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

    /** A cleanup that may fail (the step failed before making what it drops) without hiding the step's own outcome. */
    private static void quietly(Connection connection, String sql) {
        try {
            execute(connection, sql);
        } catch (SQLException ignored) {
            // nothing to drop, or the connection is gone: the step's outcome says what went wrong
        }
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new SQLException("no row from " + sql);
            }
            return result.getLong(1);
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
