package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.TableFiles;
import io.bigpicture.warehouse.Discards;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A warehouse's bulk path: how a table's load files get into the table, as its merge says. */
public interface BulkLoader {

    /** The rows a table took (distinct ids), and the rows the warehouse refused, which the others loaded without. */
    record TableLoaded(long rows, List<Discards.Refused> refused) {
    }

    /** @param manifestUrl the {@code s3://} manifest naming the files' copies on S3; null unless {@link #readsFromS3} */
    TableLoaded load(Connection connection, String schema, TableFiles files, String manifestUrl) throws SQLException;

    /** The warehouse's slices, which read a table's load files in parallel. */
    default int slices(Connection connection) throws SQLException {
        return 1;
    }

    /**
     * Whether the warehouse reads the load files from S3 through their {@link #manifest}; if not,
     * they are not put there, and {@link #load} is given no manifest.
     */
    default boolean readsFromS3() {
        return false;
    }

    /** The manifest naming a table's load files on S3 (their {@code s3://} URLs), when {@link #readsFromS3}. */
    default String manifest(List<String> fileUrls) {
        throw new UnsupportedOperationException("this warehouse does not read load files from S3");
    }

    /** Whether {@link #load} reads the tables' id files ({@link TableFiles#idPaths}). */
    default boolean readsIdFiles() {
        return false;
    }
}
