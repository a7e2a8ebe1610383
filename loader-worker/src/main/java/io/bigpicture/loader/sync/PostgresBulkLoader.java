package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: {@code COPY ... FROM STDIN} into a temporary table, then, in one transaction,
 * delete the target's rows of those ids and insert the latest staged row per id.
 */
public final class PostgresBulkLoader implements BulkLoader {

    private final PostgresDialect dialect;

    public PostgresBulkLoader(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public long load(Connection connection, String schema, LoadFiles.LoadFile file) throws SQLException {
        TableLoad load = new TableLoad(schema, file.table(), Identifiers.sanitize("bp_stage_" + file.table()), file.columns());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.dropStagingTable(load));
            statement.execute(dialect.createStagingTable(load));
            try (InputStream csv = new GZIPInputStream(Files.newInputStream(file.path()))) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(dialect.copyFromStdin(load), csv);
            }
            WarehouseDialect.Merge merge = dialect.merge(load);
            statement.executeUpdate(merge.deleteReplaced());
            long inserted = statement.executeUpdate(merge.insertLatest());
            statement.execute(dialect.dropStagingTable(load));
            connection.commit();
            return inserted;
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
