package io.bigpicture.warehouse.dialect;

import java.sql.SQLException;
import java.util.List;

/**
 * A warehouse that reads load files from S3 itself: gzip CSV files named in a manifest, read in
 * parallel by its slices, with the warehouse's own credentials for the bucket.
 */
public interface CopyFromS3 extends WarehouseDialect {

    /** One row, one column: the warehouse's slices, each of which reads load files in parallel. */
    String sliceCountQuery();

    /**
     * Whether {@link #sliceCountQuery()} failed because the warehouse does not show its slices
     * (Redshift Serverless has no STV tables: refused, or no such relation), rather than because
     * the session broke.
     */
    static boolean slicesHidden(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("0A"));
    }

    /** The manifest, as the warehouse reads it, naming a table's load files (their {@code s3://} URLs). */
    String manifest(List<String> fileUrls);

    /**
     * COPY into the staging table from the load files a manifest names. Up to
     * {@link io.bigpicture.warehouse.Discards#MAX_REFUSED_PER_TABLE} rows the warehouse refuses are
     * left out, each a row of {@link #loadErrorsQuery}, rather than fail the table.
     *
     * @throws IllegalArgumentException when a setting holds what could end its literal (COPY takes no bind parameters)
     */
    String copyFromManifest(TableLoad load, String manifestUrl, CopyCredentials credentials, String region);

    /** One row, one column: the rows the session's last COPY loaded. */
    String lastCopyCountQuery();

    /**
     * The rows the session's last COPY left out: load file URL, line in it (from 1), the column
     * named (blank if none) and the warehouse's reason, in the files' order. Its one bind parameter
     * is the start of the URLs of the COPY's files, which no other COPY shares.
     */
    String loadErrorsQuery();
}
