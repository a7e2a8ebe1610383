package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.TableMerge;
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
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: the local copies of the load files through {@code COPY ... FROM STDIN}; the manifest
 * is not needed, the files are already here. A table whose rows replace by id, loaded with each id
 * once, takes the direct path ({@link PostgresDialect#copyIdsIntoStagingFromStdin}): its rows are
 * copied once, straight into it. Otherwise the rows are staged and merged.
 */
public final class PostgresBulkLoader extends StagingTableLoader {

    private final PostgresDialect dialect;

    public PostgresBulkLoader(PostgresDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    @Override
    public boolean readsIdFiles() {
        return true;
    }

    @Override
    protected long loadInTransaction(Connection connection, Statement statement, TableLoad load, WarehouseLoad.TableFiles files,
                                     String manifestUrl) throws SQLException {
        if (load.merge() != TableMerge.REPLACE_BY_ID) {
            return stageAndMerge(connection, statement, load, files, manifestUrl);
        }
        statement.execute(dialect.dropStagingTable(load));
        statement.execute(dialect.createStagingTable(load));
        copyIds(connection, dialect.copyIdsIntoStagingFromStdin(load), files.idPaths());
        Staged staged = countStaged(statement, load);
        if (!staged.idsUnique()) {
            // rows of one id must be collapsed to the latest first: the staged path does that
            return stageAndMerge(connection, statement, load, files, manifestUrl);
        }
        statement.execute(dialect.deleteReplacedRows(load));
        copy(connection, dialect.copyIntoTableFromStdin(load), files.files());
        statement.execute(dialect.dropStagingTable(load));
        return staged.ids();
    }

    @Override
    protected void copyIntoStaging(Connection connection, Statement statement, TableLoad load, WarehouseLoad.TableFiles files,
                                   String manifestUrl) throws SQLException {
        copy(connection, dialect.copyIntoStagingFromStdin(load), files.files());
    }

    private static void copy(Connection connection, String copySql, List<SpooledGzip> files) throws SQLException {
        for (SpooledGzip file : files) {
            try (InputStream csv = new GZIPInputStream(file.open(), 65536)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, csv, 65536);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void copyIds(Connection connection, String copySql, List<Path> files) throws SQLException {
        for (Path file : files) {
            try (InputStream csv = Files.newInputStream(file)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, csv, 65536);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
