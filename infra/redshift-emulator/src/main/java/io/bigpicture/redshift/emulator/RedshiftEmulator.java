package io.bigpicture.redshift.emulator;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Test support: lets the real Redshift JDBC driver ({@code jdbc:redshift://127.0.0.1:<port>/<db>?ssl=false})
 * work against PostgreSQL. A PostgreSQL wire-protocol proxy that drops the driver's Redshift-only
 * startup parameters, removes Redshift's distribution and sort attributes from CREATE TABLE,
 * carries out {@code COPY ... FROM 's3://...' MANIFEST} itself, answers {@code STV_SLICES} with
 * the slices it was started with and refuses the Redshift-only SQL
 * it cannot emulate ({@link RedshiftSql} has the rules).
 */
public final class RedshiftEmulator implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RedshiftEmulator.class.getName());

    private final ServerSocket listener;
    private final String postgresHost;
    private final int postgresPort;
    private final S3Client s3;
    private final ManifestCopier copier;
    /**
     * The PostgreSQL role that reads a COPY's target columns from the catalog, on a connection of
     * its own without a password: the local stack's superuser, which it trusts on loopback.
     */
    static final String CATALOG_USER = "postgres";

    private final int slices;
    private final List<String> statements = new ArrayList<>();
    private final Set<ProxySession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private RedshiftEmulator(ServerSocket listener, String postgresHost, int postgresPort, S3Client s3, int slices) {
        this.listener = listener;
        this.postgresHost = postgresHost;
        this.postgresPort = postgresPort;
        this.s3 = s3;
        this.copier = new ManifestCopier(s3);
        this.slices = slices;
    }

    /**
     * Listens on a free loopback port; relays to PostgreSQL at postgresHost:postgresPort; reads COPY
     * sources from an S3-compatible endpoint (path-style, static credentials, region us-east-1).
     * The emulated cluster has {@value RedshiftSql#DEFAULT_SLICES} slices.
     */
    public static RedshiftEmulator start(String postgresHost, int postgresPort, URI s3Endpoint, String s3AccessKey,
                                         String s3SecretKey) throws IOException {
        return start(postgresHost, postgresPort, s3Endpoint, s3AccessKey, s3SecretKey, RedshiftSql.DEFAULT_SLICES);
    }

    /** As {@link #start(String, int, URI, String, String)}, for a cluster of that many slices (the rows of STV_SLICES), at least 1. */
    public static RedshiftEmulator start(String postgresHost, int postgresPort, URI s3Endpoint, String s3AccessKey,
                                         String s3SecretKey, int slices) throws IOException {
        if (slices < 1) {
            throw new IllegalArgumentException("a cluster has at least one slice, not " + slices);
        }
        return listen(postgresHost, postgresPort, s3Endpoint, s3AccessKey, s3SecretKey, slices);
    }

    /** As {@link #start(String, int, URI, String, String)}, for a Redshift Serverless workgroup: STV_SLICES is refused, as there. */
    public static RedshiftEmulator startServerless(String postgresHost, int postgresPort, URI s3Endpoint, String s3AccessKey,
                                                   String s3SecretKey) throws IOException {
        return listen(postgresHost, postgresPort, s3Endpoint, s3AccessKey, s3SecretKey, RedshiftSql.SERVERLESS);
    }

    private static RedshiftEmulator listen(String postgresHost, int postgresPort, URI s3Endpoint, String s3AccessKey,
                                           String s3SecretKey, int slices) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RedshiftEmulator emulator = new RedshiftEmulator(listener, postgresHost, postgresPort,
                s3Client(s3Endpoint, s3AccessKey, s3SecretKey), slices);
        Thread acceptor = new Thread(emulator::accept, "redshift-emulator-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return emulator;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many slices the emulated cluster has: the rows {@code SELECT ... FROM stv_slices} answers; 0 on Serverless. */
    public int slices() {
        return slices;
    }

    /** Every SQL statement a client sent, in order, as received (before rewriting) — for tests to assert on. */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sessions.forEach(ProxySession::close);
        s3.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                LOG.log(Level.DEBUG, "listener closed", closed);
                return;
            }
            ProxySession session = new ProxySession(client, postgresHost, postgresPort, copier, slices, this::record);
            sessions.add(session);
            if (listener.isClosed()) {
                // close() ran between accept and add, and did not see this one
                session.close();
                return;
            }
            Thread thread = new Thread(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                }
            }, "redshift-emulator-" + port() + "-" + connections.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void record(String sql) {
        synchronized (statements) {
            statements.add(sql);
        }
    }

    /** S3Proxy, like other S3 look-alikes, needs path-style addresses and no trailing checksums. */
    private static S3Client s3Client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
