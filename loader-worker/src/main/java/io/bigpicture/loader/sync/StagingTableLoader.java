package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bulk path both warehouses share, in one transaction: a fresh temporary staging table, the
 * load files copied into it (the one part each warehouse does its own way), the distinct ids
 * counted, the merge into the target.
 */
abstract class StagingTableLoader implements BulkLoader {

    private final WarehouseDialect dialect;

    StagingTableLoader(WarehouseDialect dialect) {
        this.dialect = dialect;
    }

    /** Fills the empty staging table with every row of the files. */
    protected abstract void copyIntoStaging(Connection connection, Statement statement, TableLoad load,
                                            WarehouseLoad.TableFiles files, String manifestUrl) throws SQLException;

    @Override
    public final long load(Connection connection, String schema, WarehouseLoad.TableFiles files, String manifestUrl) throws SQLException {
        TableLoad load = new TableLoad(schema, files.table(), Identifiers.sanitize("bp_stage_" + files.table()), files.columns());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.dropStagingTable(load));
            statement.execute(dialect.createStagingTable(load));
            copyIntoStaging(connection, statement, load, files, manifestUrl);
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
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
