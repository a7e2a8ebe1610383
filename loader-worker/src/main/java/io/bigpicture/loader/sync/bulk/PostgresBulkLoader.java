package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.TableFiles;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.TableMerge;
import io.bigpicture.warehouse.dialect.CopyFromStdin;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: the local load files through {@code COPY ... FROM STDIN}; they are not put on S3,
 * which would cost the sync their upload for nothing. A table whose rows replace by id, loaded
 * with each id once, takes the direct path ({@link CopyFromStdin#copyIdsIntoStagingFromStdin}):
 * its rows are copied once, straight into it. Otherwise, or when the database refuses a row on the direct path
 * (whose previous row by that id is already deleted then), the rows are staged and merged; a row
 * refused there is left out (see {@link PostgresRefusals}).
 */
public final class PostgresBulkLoader extends StagingTableLoader {

    private final CopyFromStdin dialect;
    private final PostgresRefusals refusals;

    public PostgresBulkLoader(CopyFromStdin dialect) {
        super(dialect);
        this.dialect = dialect;
        this.refusals = new PostgresRefusals(dialect);
    }

    @Override
    public boolean readsIdFiles() {
        return true;
    }

    @Override
    protected TableLoaded loadInTransaction(Connection connection, Statement statement, TableLoad load, TableFiles files,
                                            String manifestUrl) throws SQLException {
        statement.execute(dialect.lockTarget(load));
        if (load.merge() != TableMerge.REPLACE_BY_ID) {
            return stageAndMerge(connection, statement, load, files, manifestUrl);
        }
        Savepoint beforeDirectPath = connection.setSavepoint();
        statement.execute(dialect.dropStagingTable(load));
        statement.execute(dialect.createIdStagingTable(load));
        copyIds(connection, dialect.copyIdsIntoStagingFromStdin(load), files.idPaths());
        Staged staged = countStaged(statement, load);
        if (!staged.idsUnique()) {
            // rows of one id must be collapsed to the latest first: the staged path does that
            return stageAndMerge(connection, statement, load, files, manifestUrl);
        }
        statement.execute(dialect.deleteReplacedRows(load));
        if (!refusals.copy(connection, dialect.copyIntoTableFromStdin(load), load, files.files()).isEmpty()) {
            connection.rollback(beforeDirectPath);
            return stageAndMerge(connection, statement, load, files, manifestUrl);
        }
        statement.execute(dialect.dropStagingTable(load));
        return new TableLoaded(staged.ids(), List.of());
    }

    @Override
    protected List<Discards.Refused> copyIntoStaging(Connection connection, Statement statement, TableLoad load, TableFiles files,
                                                     String manifestUrl) throws SQLException {
        return refusals.copy(connection, dialect.copyIntoStagingFromStdin(load), load, files.files());
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
