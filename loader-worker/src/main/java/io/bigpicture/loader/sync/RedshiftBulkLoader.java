package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.Identifiers;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.RedshiftDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Redshift: {@code COPY} from the manifest into a temporary table, then, in the same transaction,
 * the dialect's merge into the target. The cluster reads the files from S3 itself.
 */
public final class RedshiftBulkLoader implements BulkLoader {

    private final RedshiftDialect dialect;
    private final CopyCredentials credentials;
    private final String region;

    public RedshiftBulkLoader(RedshiftDialect dialect, CopyCredentials credentials, String region) {
        this.dialect = dialect;
        this.credentials = credentials;
        this.region = region;
    }

    @Override
    public long load(Connection connection, String schema, WarehouseLoad.TableFiles files, String manifestUrl) throws SQLException {
        TableLoad load = new TableLoad(schema, files.table(), Identifiers.sanitize("bp_stage_" + files.table()), files.columns());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.dropStagingTable(load));
            statement.execute(dialect.createStagingTable(load));
            statement.execute(dialect.copyFromManifest(load, manifestUrl, credentials, region));
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
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
