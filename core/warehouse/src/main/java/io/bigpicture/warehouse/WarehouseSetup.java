package io.bigpicture.warehouse;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements a warehouse's admin runs so that the loader's user can do its work (docs/design.md,
 * section 6), filled with the names at hand. PostgreSQL and Redshift read them alike.
 */
public final class WarehouseSetup {

    private WarehouseSetup() {
    }

    /** The password is the admin's to choose and type into the warehouse settings; we never know it. */
    public static String createUser(String user) {
        return "CREATE USER " + quoted(user) + " PASSWORD '<choose a password>';";
    }

    /** To create the sources' schemas. */
    public static String grantCreateOnDatabase(String database, String user) {
        return "GRANT CREATE ON DATABASE " + quoted(database) + " TO " + quoted(user) + ";";
    }

    /** For a schema that exists already. */
    public static String grantOnSchema(String schema, String user) {
        return "GRANT USAGE, CREATE ON SCHEMA " + quoted(schema) + " TO " + quoted(user) + ";";
    }

    public static String defaultPrivileges(String schema, String user) {
        return "ALTER DEFAULT PRIVILEGES IN SCHEMA " + quoted(schema) + " GRANT ALL ON TABLES TO " + quoted(user) + ";";
    }

    /** Only a table's owner may add columns to it. */
    public static String takeOwnership(String schema, String table, String user) {
        return "ALTER TABLE " + quoted(schema) + "." + quoted(table) + " OWNER TO " + quoted(user) + ";";
    }

    /** Redshift: system tables such as stv_slices show a user without it only its own rows. */
    public static String unrestrictedSystemLog(String user) {
        return "ALTER USER " + quoted(user) + " SYSLOG ACCESS UNRESTRICTED;";
    }

    /**
     * Everything, in order: the user, the database grant, and for each schema that exists its
     * grants and the ownership of each table the user does not own yet.
     */
    public static List<String> statements(String database, String user, List<ExistingSchema> existing) {
        List<String> statements = new ArrayList<>();
        statements.add(createUser(user));
        statements.add(grantCreateOnDatabase(database, user));
        for (ExistingSchema schema : existing) {
            statements.add(grantOnSchema(schema.name(), user));
            statements.add(defaultPrivileges(schema.name(), user));
            schema.tablesOwnedByOthers().forEach(table -> statements.add(takeOwnership(schema.name(), table, user)));
        }
        return statements;
    }

    /** Where "Check connection" makes its test table; dropped after unless it was there before. */
    public static final String CHECK_SCHEMA = "bigpicture_check";

    public static String createCheckSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + quoted(CHECK_SCHEMA);
    }

    public static String dropCheckSchema() {
        return "DROP SCHEMA IF EXISTS " + quoted(CHECK_SCHEMA);
    }

    /** What the loader does to tables, tried on a test table of that name in the check schema: create, add a column, drop. */
    public static List<String> tableRoundTrip(String table) {
        String qualified = quoted(CHECK_SCHEMA) + "." + quoted(table);
        return List.of("CREATE TABLE " + qualified + " (id VARCHAR(64))", "ALTER TABLE " + qualified + " ADD COLUMN note VARCHAR(64)",
                "DROP TABLE " + qualified);
    }

    /** The columns of the copy check's test table, in the order of the test file's fields. */
    public static final List<String> COPY_CHECK_COLUMNS = List.of("id", "note");

    /**
     * The lines of the copy check's test file (Redshift's "Check connection"): CSV as the loader's
     * load files are, a quoted comma and an empty field among them; gzip them before putting them on S3.
     */
    public static final List<String> COPY_CHECK_LINES = List.of("\"check-1\",\"a test row of bigPicture's connection check\"",
            "\"check-2\",\"with, a comma\"", "\"check-3\",");

    /** The table in the check schema whose like the copy check loads its test file into, as the loader loads a table. */
    public static String createCopyCheckTable(String table) {
        return "CREATE TABLE " + quoted(CHECK_SCHEMA) + "." + quoted(table) + " (" + quoted(COPY_CHECK_COLUMNS.get(0)) + " VARCHAR(64), "
                + quoted(COPY_CHECK_COLUMNS.get(1)) + " VARCHAR(256))";
    }

    /** A test table of the check schema, gone whether or not the check got as far as making it. */
    public static String dropCheckTable(String table) {
        return "DROP TABLE IF EXISTS " + quoted(CHECK_SCHEMA) + "." + quoted(table);
    }

    /** A source's schema found in the warehouse, with the tables in it that another user owns. */
    public record ExistingSchema(String name, List<String> tablesOwnedByOthers) {
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
