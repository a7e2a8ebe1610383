package io.bigpicture.loader.sync;

import java.sql.Connection;
import java.sql.SQLException;

/** A warehouse's bulk path: how a load file gets into a table, replacing rows of the same id. */
public interface BulkLoader {

    /** @return the rows the table has from this file after de-duplication by id */
    long load(Connection connection, String schema, LoadFiles.LoadFile file) throws SQLException;
}
