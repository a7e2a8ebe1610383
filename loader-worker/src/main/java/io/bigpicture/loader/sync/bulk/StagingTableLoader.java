package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.TableFiles;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.dialect.TableLoad;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bulk path both warehouses share, in one transaction: a fresh temporary staging table, the
 * load files copied into it (the one part each warehouse does its own way), the distinct ids
 * counted, the merge into the target.
 */
abstract class StagingTableLoader implements BulkLoader {

    /** What a staging table holds: rows, and distinct ids among them. */
    protected record Staged(long rows, long ids) {
        boolean idsUnique() {
            return rows == ids;
        }
    }

    private final WarehouseDialect dialect;

    StagingTableLoader(WarehouseDialect dialect) {
        this.dialect = dialect;
    }

    /** Fills the empty staging table with every row of the files the warehouse takes; returns those it refused. */
    protected abstract List<Discards.Refused> copyIntoStaging(Connection connection, Statement statement, TableLoad load,
                                            TableFiles files, String manifestUrl) throws SQLException;

    @Override
    public final TableLoaded load(Connection connection, String schema, TableFiles files, String manifestUrl) throws SQLException {
        TableLoad load = new TableLoad(schema, files.table(), Identifiers.sanitize("bp_stage_" + files.table()), files.columns());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            TableLoaded loaded = loadInTransaction(connection, statement, load, files, manifestUrl);
            connection.commit();
            return loaded;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The whole load of one table, inside the transaction {@link #load} commits. */
    protected TableLoaded loadInTransaction(Connection connection, Statement statement, TableLoad load, TableFiles files,
                                     String manifestUrl) throws SQLException {
        return stageAndMerge(connection, statement, load, files, manifestUrl);
    }

    protected final TableLoaded stageAndMerge(Connection connection, Statement statement, TableLoad load, TableFiles files,
                                       String manifestUrl) throws SQLException {
        statement.execute(dialect.dropStagingTable(load));
        statement.execute(dialect.createStagingTable(load));
        List<Discards.Refused> refused = copyIntoStaging(connection, statement, load, files, manifestUrl);
        Staged staged = countStaged(statement, load);
        for (String sql : dialect.merge(load, staged.idsUnique())) {
            statement.execute(sql);
        }
        statement.execute(dialect.dropStagingTable(load));
        return new TableLoaded(staged.ids(), refused);
    }

    protected final Staged countStaged(Statement statement, TableLoad load) throws SQLException {
        try (ResultSet count = statement.executeQuery(dialect.countStaged(load))) {
            count.next();
            return new Staged(count.getLong(1), count.getLong(2));
        }
    }
}
