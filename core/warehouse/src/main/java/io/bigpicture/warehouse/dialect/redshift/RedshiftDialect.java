package io.bigpicture.warehouse.dialect.redshift;

import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.RowSize;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.StandardColumns;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import io.bigpicture.warehouse.dialect.SqlDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.util.List;
import java.util.Locale;

/**
 * Amazon Redshift: the shared SQL, tables distributed on {@code id} and sorted by
 * {@code received_at}, rows loaded with {@code COPY} from gzip CSV files on S3 named in a manifest.
 */
public final class RedshiftDialect extends SqlDialect implements CopyFromS3 {

    /** 1 600 columns per table, 9 900 tables per cluster (most node types). */
    private static final SchemaLimits LIMITS = new SchemaLimits(SchemaLimits.DATABASE_COLUMNS - SchemaLimits.MARGIN, 9900);

    /** What kind of Redshift the warehouse is, which decides where it names the rows its COPY refused. */
    public enum Deployment {
        /** A provisioned cluster: {@code stl_load_errors}. */
        PROVISIONED,
        /** A Serverless workgroup, which has no STL tables: {@code sys_load_error_detail}. */
        SERVERLESS;

        /** Serverless endpoints are {@code <workgroup>.<account>.<region>.redshift-serverless.amazonaws.com}. */
        public static Deployment ofHost(String host) {
            return host.toLowerCase(Locale.ROOT).endsWith(".redshift-serverless.amazonaws.com") ? SERVERLESS : PROVISIONED;
        }
    }

    private final Deployment deployment;

    /** A provisioned cluster, new text columns of the default length. */
    public RedshiftDialect() {
        this(Deployment.PROVISIONED, VarcharLength.DEFAULT);
    }

    public RedshiftDialect(Deployment deployment, VarcharLength newText) {
        super(newText);
        this.deployment = deployment;
    }

    @Override
    protected boolean countsTextInBytes() {
        return true;
    }

    @Override
    protected String jsonTypeName() {
        return "SUPER";
    }

    @Override
    public RowSize rowSize() {
        return RowSize.UNLIMITED;
    }

    @Override
    public SchemaLimits limits() {
        return LIMITS;
    }

    /**
     * From {@code svv_columns}: every table of the schema, whoever owns it and whatever the search
     * path (Redshift's {@code information_schema.columns} shows only the tables the user may use,
     * {@code pg_table_def} only the search path's), with information_schema's columns.
     */
    @Override
    public String existingColumnsQuery() {
        return "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM svv_columns"
                + " WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    @Override
    public String sliceCountQuery() {
        return "SELECT COUNT(*) FROM stv_slices";
    }

    @Override
    protected List<String> createTable(TableChange.CreateTable create) {
        StringBuilder sql = new StringBuilder(super.createTable(create).get(0));
        if (create.columns().containsKey(StandardColumns.ID)) {
            sql.append(" DISTKEY(").append(quote(StandardColumns.ID)).append(')');
        }
        if (create.columns().containsKey(StandardColumns.RECEIVED_AT)) {
            sql.append(" SORTKEY(").append(quote(StandardColumns.RECEIVED_AT)).append(')');
        }
        return List.of(sql.toString());
    }

    /** Redshift takes no alias for the target of an UPDATE: its columns are named in full. */
    @Override
    protected String updateTarget(TableLoad load, String assignments) {
        String target = qualified(load.schema(), load.table());
        return "UPDATE " + target + " SET " + assignments + " FROM " + quote(latestTable(load)) + " AS l WHERE "
                + target + "." + quote(StandardColumns.ID) + " = l." + quote(StandardColumns.ID);
    }

    @Override
    protected String targetColumn(TableLoad load, String column) {
        return qualified(load.schema(), load.table()) + "." + quote(column);
    }

    @Override
    public String copyFromManifest(TableLoad load, String manifestUrl, CopyCredentials credentials, String region) {
        String columns = columnList(load.columns(), "");
        String authorization;
        if (credentials instanceof CopyCredentials.IamRole role) {
            authorization = "IAM_ROLE " + literal(role.arn());
        } else {
            CopyCredentials.AccessKeys keys = (CopyCredentials.AccessKeys) credentials;
            authorization = "ACCESS_KEY_ID " + literal(keys.accessKeyId()) + " SECRET_ACCESS_KEY " + literal(keys.secretAccessKey());
        }
        return "COPY " + quote(load.stagingTable()) + " (" + columns + ") FROM " + literal(manifestUrl) + " " + authorization
                + " FORMAT AS CSV GZIP MANIFEST TIMEFORMAT 'auto' ACCEPTINVCHARS EMPTYASNULL STATUPDATE OFF COMPUPDATE OFF"
                + " REGION " + literal(region) + " MAXERROR " + Discards.MAX_REFUSED_PER_TABLE;
    }

    @Override
    public String manifest(List<String> fileUrls) {
        return CopyManifest.of(fileUrls);
    }

    @Override
    public String lastCopyCountQuery() {
        return "SELECT pg_last_copy_count()";
    }

    @Override
    public String loadErrorsQuery() {
        if (deployment == Deployment.SERVERLESS) {
            return "SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message) FROM sys_load_error_detail"
                    + " WHERE session_id = pg_backend_pid() AND POSITION(? IN TRIM(file_name)) = 1 ORDER BY file_name, line_number";
        }
        return "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason) FROM stl_load_errors"
                + " WHERE query = pg_last_copy_id() AND POSITION(? IN TRIM(filename)) = 1 ORDER BY filename, line_number";
    }

    /** COPY takes no bind parameters, so its settings are literals: refused when they hold what could end one. */
    private static String literal(String value) {
        for (char c : value.toCharArray()) {
            if (c == '\'' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a COPY setting may not contain quotes, backslashes or control characters");
            }
        }
        return "'" + value + "'";
    }
}
