package io.bigpicture.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * The parts the apps need, without Docker: PostgreSQL with the catalog and warehouse databases,
 * SQS queues and an S3 bucket. Used by {@code ./bigpicture up} and by the apps' tests.
 */
public final class LocalStack implements AutoCloseable {

    public static final String CATALOG_DATABASE = "bigpicture";
    /** The catalog's owner: the migrations and the tests' own rows. */
    public static final String CATALOG_USER = "bigpicture";
    public static final String CATALOG_PASSWORD = "bigpicture";
    /**
     * The roles the apps log in as, each a member of the group the catalog's migrations grant to
     * (V22__app_roles.sql): rows of every table, or only write keys and sources (the tracking API).
     */
    public static final String CATALOG_APP_USER = "bigpicture_app";
    public static final String CATALOG_APP_PASSWORD = "bigpicture-app-local";
    public static final String CATALOG_INGEST_USER = "bigpicture_ingest";
    public static final String CATALOG_INGEST_PASSWORD = "bigpicture-ingest-local";
    public static final String WAREHOUSE_DATABASE = "warehouse";
    public static final String WAREHOUSE_USER = "loader";
    public static final String WAREHOUSE_PASSWORD = "loader-local";
    public static final String EVENTS_QUEUE = "events";
    public static final String SYNC_JOBS_QUEUE = "sync-jobs";
    public static final String BUCKET = "bigpicture-local";

    /** Ports 0 pick free ones. */
    public record Ports(int postgres, int sqs, int s3) {
        public static Ports free() {
            return new Ports(0, 0, 0);
        }
    }

    private final LocalPostgres postgres;
    private final LocalSqs sqs;
    private final LocalS3 s3;

    private LocalStack(LocalPostgres postgres, LocalSqs sqs, LocalS3 s3) {
        this.postgres = postgres;
        this.sqs = sqs;
        this.s3 = s3;
    }

    public static LocalStack start(Path home, Ports ports) throws Exception {
        LocalPostgres postgres = LocalPostgres.start(home.resolve("postgres"), ports.postgres());
        postgres.ensureDatabase(CATALOG_DATABASE, CATALOG_USER, CATALOG_PASSWORD);
        postgres.ensureMember("bigpicture_app_access", CATALOG_APP_USER, CATALOG_APP_PASSWORD);
        postgres.ensureMember("bigpicture_ingest_access", CATALOG_INGEST_USER, CATALOG_INGEST_PASSWORD);
        postgres.ensureDatabase(WAREHOUSE_DATABASE, WAREHOUSE_USER, WAREHOUSE_PASSWORD);
        postgres.requirePasswords();
        LocalSqs sqs = LocalSqs.start(ports.sqs());
        // a stager holds events until it flushes; a sync step may run for minutes
        sqs.ensureQueue(EVENTS_QUEUE, 120, 5);
        sqs.ensureQueue(SYNC_JOBS_QUEUE, 900, 5);
        LocalS3 s3 = LocalS3.start(home.resolve("s3"), ports.s3());
        s3.ensureBucket(BUCKET);
        return new LocalStack(postgres, sqs, s3);
    }

    public int postgresPort() {
        return postgres.port();
    }

    public String catalogJdbcUrl() {
        return postgres.jdbcUrl(CATALOG_DATABASE);
    }

    /** For the reactive client, which takes the URL without the jdbc: prefix. */
    public String catalogReactiveUrl() {
        return "postgresql://localhost:" + postgres.port() + "/" + CATALOG_DATABASE;
    }

    public String warehouseJdbcUrl() {
        return postgres.jdbcUrl(WAREHOUSE_DATABASE);
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public void close() throws Exception {
        try (postgres; sqs; s3) {
            // closes all three, in reverse order
        }
    }
}
