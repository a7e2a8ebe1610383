package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.dialect.PostgresDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: the local copies of the load files through {@code COPY ... FROM STDIN}. The manifest
 * is not needed: the files are already here.
 */
public final class PostgresBulkLoader extends StagingTableLoader {

    private final PostgresDialect dialect;

    public PostgresBulkLoader(PostgresDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    @Override
    protected void copyIntoStaging(Connection connection, Statement statement, TableLoad load, WarehouseLoad.TableFiles files,
                                   String manifestUrl) throws SQLException {
        for (Path file : files.paths()) {
            try (InputStream csv = new GZIPInputStream(Files.newInputStream(file), 65536)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(dialect.copyFromStdin(load), csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
