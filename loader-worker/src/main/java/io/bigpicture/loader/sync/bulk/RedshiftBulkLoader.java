package io.bigpicture.loader.sync.bulk;

import io.bigpicture.loader.sync.files.LoadFileNames;
import io.bigpicture.loader.sync.files.TableFiles;
import io.bigpicture.warehouse.Discards;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import io.bigpicture.warehouse.dialect.TableLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Redshift: {@code COPY} from the manifest; the cluster reads the files from S3 itself. Rows it
 * refuses are left out (up to {@code MAXERROR}); when it loaded fewer rows than the files hold,
 * {@code stl_load_errors} names each refused one by file and line, which are read back from the
 * local copy of the file.
 */
public final class RedshiftBulkLoader extends StagingTableLoader {

    private final CopyFromS3 dialect;
    private final CopyCredentials credentials;
    private final String region;
    private final int slicesWhenUnknown;

    /** @param slicesWhenUnknown what a warehouse that does not show its slices (Serverless) is loaded as */
    public RedshiftBulkLoader(CopyFromS3 dialect, CopyCredentials credentials, String region, int slicesWhenUnknown) {
        super(dialect);
        this.dialect = dialect;
        this.credentials = credentials;
        this.region = region;
        this.slicesWhenUnknown = slicesWhenUnknown;
    }

    @Override
    public boolean readsFromS3() {
        return true;
    }

    @Override
    public String manifest(List<String> fileUrls) {
        return dialect.manifest(fileUrls);
    }

    @Override
    public int slices(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery(dialect.sliceCountQuery())) {
            count.next();
            return Math.max(1, count.getInt(1));
        } catch (SQLException failure) {
            if (CopyFromS3.slicesHidden(failure)) {
                return slicesWhenUnknown;
            }
            throw failure;
        }
    }

    @Override
    protected List<Discards.Refused> copyIntoStaging(Connection connection, Statement statement, TableLoad load, TableFiles files,
                                                     String manifestUrl) throws SQLException {
        statement.execute(dialect.copyFromManifest(load, manifestUrl, credentials, region));
        try (ResultSet copied = statement.executeQuery(dialect.lastCopyCountQuery())) {
            copied.next();
            if (copied.getLong(1) >= files.rows()) {
                return List.of();
            }
        }
        try (PreparedStatement query = connection.prepareStatement(dialect.loadErrorsQuery())) {
            query.setString(1, LoadFileNames.filesPrefix(manifestUrl));
            return loadErrors(query, load, files);
        }
    }

    private List<Discards.Refused> loadErrors(PreparedStatement query, TableLoad load, TableFiles files) throws SQLException {
        List<Discards.Refused> refused = new ArrayList<>();
        try (ResultSet errors = query.executeQuery()) {
            while (errors.next()) {
                OptionalInt index = LoadFileNames.index(errors.getString(1));
                Optional<byte[]> record = index.isPresent() && index.getAsInt() < files.files().size()
                        ? RefusedRecords.atLine(files.files().get(index.getAsInt()), errors.getLong(2)) : Optional.empty();
                String column = errors.getString(3) == null ? "" : errors.getString(3);
                String reason = errors.getString(4);
                String where = errors.getString(1) + ", line " + errors.getLong(2);
                refused.add(record.map(line -> RefusedRecords.refused(line, column, reason, load, dialect))
                        .orElse(new Discards.Refused(load.table(), "", null, column, where, reason)));
            }
        }
        return refused;
    }
}
