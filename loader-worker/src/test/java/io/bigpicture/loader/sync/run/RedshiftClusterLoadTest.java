package io.bigpicture.loader.sync.run;

import io.bigpicture.loader.sync.bulk.RedshiftBulkLoader;
import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.warehouse.SchemaLimits;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.CopyCredentials;
import io.bigpicture.warehouse.dialect.redshift.RedshiftDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loading rules against a real Redshift cluster. Runs when REDSHIFT_JDBC_URL, REDSHIFT_USER,
 * REDSHIFT_PASSWORD, REDSHIFT_S3_BUCKET and REDSHIFT_IAM_ROLE are set (and AWS credentials that
 * may write the bucket, plus REDSHIFT_S3_REGION, default us-east-1); JUnit reports it skipped
 * otherwise, naming the missing variable.
 */
@EnabledIfEnvironmentVariable(named = "REDSHIFT_JDBC_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "REDSHIFT_S3_BUCKET", matches = ".+")
@EnabledIfEnvironmentVariable(named = "REDSHIFT_IAM_ROLE", matches = ".+")
class RedshiftClusterLoadTest extends BaseWarehouseLoadTest {

    private static final String REGION = System.getenv().getOrDefault("REDSHIFT_S3_REGION", "us-east-1");

    /** The cluster's own words, whatever they are, for the NOT NULL column and the NUMERIC too small. */
    @Override
    protected String refusalsOfTheNarrowTable() {
        return "o4\\.sku: .+; o5\\.price: .+";
    }

    @Override
    protected Connection connect() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv("REDSHIFT_USER"));
        properties.setProperty("password", System.getenv("REDSHIFT_PASSWORD"));
        properties.setProperty("ssl", "true");
        return new com.amazon.redshift.Driver().connect(System.getenv("REDSHIFT_JDBC_URL"), properties);
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore ignoredLocalStore, Optional<SchemaLimits> limits, VarcharLength newText) {
        RedshiftDialect dialect = new RedshiftDialect(RedshiftDialect.Deployment.PROVISIONED, newText);
        String bucket = System.getenv("REDSHIFT_S3_BUCKET");
        String prefix = "bigpicture-test/" + java.util.UUID.randomUUID() + "/";
        S3Client s3 = S3Client.builder().region(Region.of(REGION)).build();
        WarehouseLoad.LoadFileStore store = new WarehouseLoad.LoadFileStore() {
            @Override
            public String put(String name, SpooledGzip file) {
                s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromContentProvider(file::open, file.length(), "application/gzip"));
                return "s3://" + bucket + "/" + prefix + name;
            }

            @Override
            public String put(String name, String text) {
                s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromString(text));
                return "s3://" + bucket + "/" + prefix + name;
            }
        };
        return new WarehouseLoad(dialect, new RedshiftBulkLoader(dialect, new CopyCredentials.IamRole(System.getenv("REDSHIFT_IAM_ROLE")), REGION, 4),
                rowMapper, store, TABLES_AT_ONCE, limits.orElse(dialect.limits()), SMALLEST_LOAD_FILE);
    }
}
