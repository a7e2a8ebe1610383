package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: the local copies of the load files through {@code COPY ... FROM STDIN} into a temporary
 * table, then, in the same transaction, the dialect's merge into the target. The manifest is not
 * needed: the files are already here.
 */
public final class PostgresBulkLoader implements BulkLoader {

    private final PostgresDialect dialect;

    public PostgresBulkLoader(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public long load(Connection connection, String schema, WarehouseLoad.TableFiles files, String manifestUrl) throws SQLException {
        TableLoad load = new TableLoad(schema, files.table(), Identifiers.sanitize("bp_stage_" + files.table()), files.columns());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.dropStagingTable(load));
            statement.execute(dialect.createStagingTable(load));
            for (Path file : files.paths()) {
                try (InputStream csv = new GZIPInputStream(Files.newInputStream(file), 65536)) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(dialect.copyFromStdin(load), csv);
                }
            }
            long rows;
            boolean idsUnique;
            try (ResultSet count = statement.executeQuery(dialect.countStaged(load))) {
                count.next();
                rows = count.getLong(2);
                idsUnique = count.getLong(1) == rows;
            }
            for (String sql : dialect.merge(load, idsUnique)) {
                statement.execute(sql);
            }
            statement.execute(dialect.dropStagingTable(load));
            connection.commit();
            return rows;
        } catch (IOException e) {
            connection.rollback();
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
