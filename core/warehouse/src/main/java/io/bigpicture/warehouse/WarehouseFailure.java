package io.bigpicture.warehouse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed warehouse operation in words a person can act on, with the statement that fixes it
 * where there is one. {@code needsPerson} separates what no retry will mend (a password, a grant,
 * a full disk, data the warehouse refuses more often than a load leaves out on its own) from what
 * may pass (a busy or resizing cluster, a dropped connection, our own bug).
 *
 * <p>Redshift answers most failures with SQLSTATE {@code XX000} and puts what happened in the
 * text (an error code such as {@code 1023}, or words such as {@code Disk Full}); so the text
 * decides, the SQLSTATE helps where it is specific. The texts matched are the ones Redshift and
 * PostgreSQL send (see the test, which feeds them verbatim).
 */
public record WarehouseFailure(Kind kind, String message, boolean needsPerson) {

    public enum Kind {
        REFUSED_ADDRESS, TLS, UNREACHABLE, CLUSTER_UNAVAILABLE, AUTHENTICATION, CONCURRENCY, PERMISSION, NOT_OWNER, VIEW_DEPENDS, DISK_FULL,
        TOO_MANY_COLUMNS, TOO_MANY_TABLES, IAM_ROLE, BUCKET, DATA, OTHER
    }

    /**
     * The SQLSTATE of our own refusal to connect to a host that is, or resolves to, an address
     * inside a private network; its message says so in words (class {@code BP}: no database uses it).
     */
    public static final String REFUSED_ADDRESS_STATE = "BP001";

    /** Where the loader was and as whom, to name in the advice. */
    public record Context(String host, int port, String database, String user, String schema) {
    }

    private static final Pattern SCHEMA = Pattern.compile("permission denied for schema \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATABASE = Pattern.compile("permission denied for database \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNER = Pattern.compile("must be owner of (?:table|relation) \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("permission denied for (?:table|relation) \"?([^\"\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern VIEW = Pattern.compile("on view \"?([^\"\\s]+)\"? depends", Pattern.CASE_INSENSITIVE);
    private static final Pattern IAM_ROLE = Pattern.compile("(?:assume IAM Role|credentials of role) (arn:aws[^\\s,]*)", Pattern.CASE_INSENSITIVE);
    /** Redshift's serializable isolation violation: error 1023, its text in the detail. */
    private static final Pattern ISOLATION = Pattern.compile("(?:^|: )1023\\b|serializable isolation violation", Pattern.CASE_INSENSITIVE);

    /**
     * Whether the warehouse refused for the sake of other work going on at the same moment (a
     * serialization conflict, a deadlock, a lock held past the session's lock limit, all connections
     * taken): the same statement may pass when run again a moment later.
     */
    public static boolean isConflict(String sqlState, String message) {
        String state = sqlState == null ? "" : sqlState;
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("53300") || ISOLATION.matcher(lower).find()
                || (lower.contains("connection limit") && lower.contains("exceeded")) || lower.contains("too many clients")
                || lower.contains("too many connections");
    }

    /**
     * Whether the database refused a row for its data: a value its column cannot hold (class 22),
     * a constraint (class 23), a row too big (54000). Leaving the row out lets the others load.
     */
    public static boolean isRefusedData(String sqlState) {
        String state = sqlState == null ? "" : sqlState;
        return state.startsWith("22") || state.startsWith("23") || state.equals("54000");
    }

    /**
     * @param sqlState the driver's SQLSTATE, null when the failure was not the database's answer
     * @param message  the driver's message (never holds a password)
     */
    public static WarehouseFailure classify(String sqlState, String message, Context at) {
        String state = sqlState == null ? "" : sqlState;
        // the words go to the catalog, the API and the console
        String text = message == null ? "" : Redaction.redact(message);
        String lower = text.toLowerCase(Locale.ROOT);
        String where = at.host() + ":" + at.port() + "/" + at.database();
        if (state.equals(REFUSED_ADDRESS_STATE)) {
            return new WarehouseFailure(Kind.REFUSED_ADDRESS, text, true);
        }
        if (lower.contains("certification path") || lower.contains("pkix path") || lower.contains("certificate_unknown")) {
            return new WarehouseFailure(Kind.TLS, "the warehouse at " + where + " showed a certificate from a CA bigPicture does not"
                    + " trust (the system's CAs and Amazon RDS's): TLS verify-full takes only those. For a server with a certificate of"
                    + " its own on a network you trust, set TLS to require.", true);
        }
        if (lower.contains("could not be verified") || lower.contains("no subject alternative")) {
            return new WarehouseFailure(Kind.TLS, "the certificate of the warehouse at " + where + " is not for the name " + at.host()
                    + ": give the host name its certificate names (the endpoint's name, not its IP address), or set TLS to require.", true);
        }
        if (lower.contains("does not support ssl")) {
            return new WarehouseFailure(Kind.TLS, "the warehouse at " + where + " offers no TLS: turn it on in the server (ssl = on),"
                    + " or set TLS to disable if the warehouse is on a network you trust.", true);
        }
        if (state.startsWith("08") || lower.contains("connection refused") || lower.contains("connect timed out") || text.contains("UnknownHost")) {
            return new WarehouseFailure(Kind.UNREACHABLE, "could not connect to the warehouse at " + where + ": " + text
                    + ". Check the host and port, and that the cluster's security group lets in the loader's addresses.", false);
        }
        if (lower.contains("resize mode") || state.equals("57P03") || state.equals("57P01")
                || lower.contains("read-write mode during recovery")) {
            return new WarehouseFailure(Kind.CLUSTER_UNAVAILABLE, "the warehouse at " + where
                    + " is resizing, restarting or in maintenance (" + text + "); nothing to do on your side: the sync runs again later.", false);
        }
        if (state.equals("28P01") || state.equals("28000") || lower.contains("password authentication failed")) {
            return new WarehouseFailure(Kind.AUTHENTICATION, "the warehouse at " + where + " refused user " + at.user()
                    + ": check the user name and password in the warehouse settings.", true);
        }
        if (isConflict(state, text)) {
            return new WarehouseFailure(Kind.CONCURRENCY, "the warehouse at " + where + " was busy with other work (" + text
                    + "); the sync runs again later.", false);
        }
        if (lower.contains("disk full") || state.equals("53100") || lower.contains("no space left on device")) {
            return new WarehouseFailure(Kind.DISK_FULL, "the warehouse at " + where + " is out of disk space (" + text
                    + "). Free space (drop or VACUUM DELETE tables you do not need) or add nodes; then run the sync again.", true);
        }
        if (state.equals("54011") || lower.contains("can have at most 1600 columns")) {
            return new WarehouseFailure(Kind.TOO_MANY_COLUMNS, "a table in schema " + at.schema()
                    + " has as many columns as the warehouse allows (1 600). Untick columns you do not need in the source's filters"
                    + " (selective sync), or send fewer distinct property names.", true);
        }
        if (lower.contains("maximum tables limit exceeded")) {
            return new WarehouseFailure(Kind.TOO_MANY_TABLES, "the cluster at " + where
                    + " has as many tables as it may (9 900 for most node types). Drop tables you do not need, or untick event"
                    + " tables in the source's filters.", true);
        }
        if (state.equals("2BP01") || lower.contains("other objects depend on it") || lower.contains("used by a view")) {
            Matcher view = VIEW.matcher(text);
            return new WarehouseFailure(Kind.VIEW_DEPENDS, "a view" + (view.find() ? " (" + view.group(1) + ")" : "")
                    + " depends on a table in schema " + at.schema() + " that the loader must change (" + text + "). Drop the view,"
                    + " let the sync run, then create it again; on Redshift create it WITH NO SCHEMA BINDING, so that it no longer"
                    + " blocks changes.", true);
        }
        Matcher role = IAM_ROLE.matcher(text);
        boolean roleNamed = role.find();
        if (roleNamed || lower.contains("not authorized to assume iam role")) {
            String arn = roleNamed ? role.group(1) : "of the warehouse settings";
            return new WarehouseFailure(Kind.IAM_ROLE, "the cluster at " + where + " may not use IAM role " + arn
                    + ": attach the role to the cluster (Redshift console, Manage IAM roles), and let its trust policy allow"
                    + " redshift.amazonaws.com to assume it.", true);
        }
        if (lower.contains("must be addressed using the specified endpoint")) {
            return new WarehouseFailure(Kind.BUCKET, "the load files' bucket is in another AWS region than the cluster at " + where
                    + ": set the bucket's region in the warehouse settings.", true);
        }
        if (lower.contains("specified bucket does not exist") || lower.contains("nosuchbucket") || lower.matches("(?s).*bucket .* not found.*")) {
            return new WarehouseFailure(Kind.BUCKET, "the cluster at " + where + " found no bucket of the name in the warehouse settings: "
                    + "check the bucket's name and region.", true);
        }
        if (lower.contains("s3serviceexception") && lower.contains("access denied")) {
            return new WarehouseFailure(Kind.BUCKET, "the cluster at " + where + " may not read the load files (" + text
                    + "): let its IAM role read the bucket (s3:GetObject, s3:ListBucket, and kms:Decrypt if the bucket is encrypted"
                    + " with a KMS key).", true);
        }
        if (isRefusedData(state) || lower.contains("value too long")
                || lower.contains("string length exceeds ddl length") || lower.contains("check 'stl_load_errors'")
                || lower.contains("check 'sys_load_error_detail'")) {
            return new WarehouseFailure(Kind.DATA, "the warehouse at " + where + " refused rows of a table for their data (" + text
                    + ") more often than a load leaves rows out on its own. Look at the table's columns (a narrower type or a"
                    + " constraint added by someone else?); the sync will not run again by itself.", true);
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
