package io.bigpicture.loader.sync.run;

import io.bigpicture.warehouse.BatchSchema;
import io.bigpicture.warehouse.ColumnBound;
import io.bigpicture.warehouse.ColumnType;
import io.bigpicture.warehouse.SchemaDiff;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.TableChange;
import io.bigpicture.warehouse.dialect.ExistingColumn;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Makes a warehouse schema hold a batch: creates the schema, the missing tables and columns, each
 * change in its own transaction under a table lock. The warehouse is read first, so a change that
 * committed before a crash is not tried again; a change that loses a race to another writer is
 * re-read and retried once.
 */
public final class SchemaEvolution {

    private static final Logger LOG = Logger.getLogger(SchemaEvolution.class);

    /** What was changed, and every table of the schema as it now is, by the names the database uses. */
    /**
     * @param tables the schema's tables after the changes (the warehouse's names)
     * @param fitted the batch as far as the warehouse's limits let it in, and what they kept out
     * @param failedTables tables (our names) whose change failed: they do not load this time, the others do
     * @param tablesBefore the schema's tables before the changes
     * @param bounds the columns of {@code tables} that hold less than their type (see {@link ColumnBound})
     */
    public record Evolved(List<TableChange> applied, Map<String, Map<String, ColumnType>> tables, SchemaLimits.Fitted fitted,
                          Map<String, Exception> failedTables, int tablesBefore, Map<String, Map<String, ColumnBound>> bounds) {
    }

    /** A schema's columns as the database has them: each one's type, and the bounds of those narrower than it. */
    private record Columns(Map<String, Map<String, ColumnType>> types, Map<String, Map<String, ColumnBound>> bounds) {
    }

    private final WarehouseDialect dialect;

    public SchemaEvolution(WarehouseDialect dialect) {
        this.dialect = dialect;
    }

    /** @param batch our names; the database may know some shortened (see {@link WarehouseDialect#physicalName}) */
    public Evolved evolve(Connection connection, String schema, BatchSchema batch, SchemaLimits limits) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createSchema(schema));
        }
        List<TableChange> applied = new ArrayList<>();
        Columns before = read(connection, schema);
        Map<String, Map<String, ColumnType>> tables = before.types();
        SchemaLimits.Fitted fitted = limits.fit(batch, tables, tableCount(connection), dialect::physicalName);
        BatchSchema wanted = fitted.batch().renamed(dialect::physicalName);
        Map<String, String> ourNames = new HashMap<>();
        fitted.batch().tables().keySet().forEach(table -> ourNames.put(dialect.physicalName(table), table));
        Map<String, Exception> failedTables = new LinkedHashMap<>();
        for (TableChange change : SchemaDiff.changes(schema, tables, wanted)) {
            try {
                applied.addAll(applyOrMend(connection, schema, change, wanted));
            } catch (SQLException failed) {
                LOG.warnf("schema change on %s.%s failed (%s); the table does not load this time", schema, change.table(), failed.getMessage());
                failedTables.put(ourNames.getOrDefault(change.table(), change.table()), failed);
            }
        }
        Columns after = applied.isEmpty() ? before : read(connection, schema);
        return new Evolved(applied, after.types(), fitted, failedTables, tables.size(), after.bounds());
    }

    /** Another writer may have made the change meanwhile: after a failure, look again and try what is still missing. */
    private List<TableChange> applyOrMend(Connection connection, String schema, TableChange change, BatchSchema wanted) throws SQLException {
        try {
            apply(connection, change);
            return List.of(change);
        } catch (SQLException raced) {
            LOG.infof("schema change on %s.%s failed (%s); re-reading the table", schema, change.table(), raced.getMessage());
            List<TableChange> retry = SchemaDiff.changes(schema, existing(connection, schema), wanted).stream()
                    .filter(c -> c.table().equals(change.table())).toList();
            for (TableChange again : retry) {
                apply(connection, again);
            }
            return retry;
        }
    }

    private int tableCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(dialect.tableCountQuery())) {
            result.next();
            return result.getInt(1);
        }
    }

    private void apply(Connection connection, TableChange change) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.apply(change)) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Table to column to type, read from the warehouse itself. */
    public Map<String, Map<String, ColumnType>> existing(Connection connection, String schema) throws SQLException {
        return read(connection, schema).types();
    }

    private Columns read(Connection connection, String schema) throws SQLException {
        Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();
        Map<String, Map<String, ColumnBound>> bounds = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.existingColumnsQuery())) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String table = result.getString(1);
                    String column = result.getString(2);
                    String dataType = result.getString(3);
                    ExistingColumn existing = new ExistingColumn(dataType, integer(result, 4), integer(result, 5), integer(result, 6));
                    tables.computeIfAbsent(table, name -> new LinkedHashMap<>()).put(column, dialect.columnType(dataType).orElse(ColumnType.VARCHAR));
                    dialect.columnBound(existing)
                            .ifPresent(bound -> bounds.computeIfAbsent(table, name -> new LinkedHashMap<>()).put(column, bound));
                }
            }
        }
        return new Columns(tables, bounds);
    }

    private static Integer integer(ResultSet result, int column) throws SQLException {
        int value = result.getInt(column);
        return result.wasNull() ? null : value;
    }
}
