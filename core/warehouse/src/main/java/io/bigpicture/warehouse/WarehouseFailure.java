package io.bigpicture.warehouse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed warehouse operation in words a person can act on, with the statement that fixes it
 * where there is one. {@code needsPerson} separates what no retry will mend (a password, a grant)
 * from what may pass (a busy cluster, a dropped connection).
 */
public record WarehouseFailure(Kind kind, String message, boolean needsPerson) {

    public enum Kind { UNREACHABLE, AUTHENTICATION, PERMISSION, NOT_OWNER, OTHER }

    /** Where the loader was and as whom, to name in the advice. */
    public record Context(String host, int port, String database, String user, String schema) {
    }

    private static final Pattern SCHEMA = Pattern.compile("permission denied for schema \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATABASE = Pattern.compile("permission denied for database \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNER = Pattern.compile("must be owner of (?:table|relation) \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("permission denied for (?:table|relation) \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    /**
     * @param sqlState the driver's SQLSTATE, null when the failure was not the database's answer
     * @param message  the driver's message (never holds a password)
     */
    public static WarehouseFailure classify(String sqlState, String message, Context at) {
        String state = sqlState == null ? "" : sqlState;
        String text = message == null ? "" : message;
        String where = at.host() + ":" + at.port() + "/" + at.database();
        if (state.startsWith("08") || text.toLowerCase(Locale.ROOT).contains("connection refused")
                || text.toLowerCase(Locale.ROOT).contains("connect timed out") || text.contains("UnknownHost")) {
            return new WarehouseFailure(Kind.UNREACHABLE, "could not connect to the warehouse at " + where + ": " + text
                    + ". Check the host and port, and that the cluster's security group lets in the loader's addresses.", false);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new WarehouseFailure(Kind.AUTHENTICATION, "the warehouse at " + where + " refused user " + at.user()
                    + ": check the user name and password in the warehouse settings.", true);
        }
        Matcher owner = OWNER.matcher(text);
        if (owner.find()) {
            return new WarehouseFailure(Kind.NOT_OWNER, "user " + at.user() + " does not own table " + at.schema() + "." + owner.group(1)
                    + ", so it cannot add columns to it. Run as an admin: " + WarehouseSetup.takeOwnership(at.schema(), owner.group(1), at.user()), true);
        }
        Matcher schema = SCHEMA.matcher(text);
        if (schema.find()) {
            return new WarehouseFailure(Kind.PERMISSION, "user " + at.user() + " may not use schema " + schema.group(1)
                    + ". Run as an admin: " + WarehouseSetup.grantOnSchema(schema.group(1), at.user()), true);
        }
        Matcher database = DATABASE.matcher(text);
        if (database.find()) {
            return new WarehouseFailure(Kind.PERMISSION, "user " + at.user() + " may not create schemas in database " + database.group(1)
                    + ". Run as an admin: " + WarehouseSetup.grantCreateOnDatabase(database.group(1), at.user()), true);
        }
        Matcher table = TABLE.matcher(text);
        if (table.find()) {
            return new WarehouseFailure(Kind.PERMISSION, "user " + at.user() + " may not write table " + at.schema() + "." + table.group(1)
                    + ". Run as an admin: " + WarehouseSetup.takeOwnership(at.schema(), table.group(1), at.user()), true);
        }
        if (state.equals("42501")) {
            return new WarehouseFailure(Kind.PERMISSION, "user " + at.user() + " lacks a privilege on the warehouse at " + where + ": " + text, true);
        }
        return new WarehouseFailure(Kind.OTHER, "the warehouse at " + where + " answered: " + text
                + (state.isEmpty() ? "" : " (SQL state " + state + ")"), false);
    }
}
