package io.bigpicture.loader.sync;

import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.RedshiftDialect;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Redshift: {@code COPY} from the manifest; the cluster reads the files from S3 itself. */
public final class RedshiftBulkLoader extends StagingTableLoader {

    private final RedshiftDialect dialect;
    private final CopyCredentials credentials;
    private final String region;

    public RedshiftBulkLoader(RedshiftDialect dialect, CopyCredentials credentials, String region) {
        super(dialect);
        this.dialect = dialect;
        this.credentials = credentials;
        this.region = region;
    }

    @Override
    public int slices(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery(dialect.sliceCountQuery())) {
            count.next();
            return Math.max(1, count.getInt(1));
        }
    }

    @Override
    protected List<Discards.Refused> copyIntoStaging(Connection connection, Statement statement, TableLoad load, WarehouseLoad.TableFiles files,
                                                     String manifestUrl) throws SQLException {
        statement.execute(dialect.copyFromManifest(load, manifestUrl, credentials, region));
        return List.of();
    }
}
