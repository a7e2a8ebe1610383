package io.bigpicture.testing;

import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real local parts (embedded PostgreSQL, ElasticMQ, S3Proxy) once per test JVM on free
 * ports and points the app under test at them. Register it globally, so every Quarkus boot of a
 * module shares one stack.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    /** A fixed key for tests only; production reads its master key from a secret. */
    public static final String TEST_MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static LocalStack stack;
    private static TestingTcpProxy sqsProxy;

    public static synchronized LocalStack stack() {
        if (stack == null) {
            try {
                Path home = Files.createTempDirectory("bigpicture-test-");
                stack = LocalStack.start(home, LocalStack.Ports.free());
                LocalStack started = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
        }
        return stack;
    }

    /** The apps reach SQS through this relay, so that a test can take the queue away from them. */
    public static synchronized TestingTcpProxy sqsProxy() {
        if (sqsProxy == null) {
            try {
                sqsProxy = new TestingTcpProxy(new InetSocketAddress(stack().sqsEndpoint().getHost(), stack().sqsEndpoint().getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sqsProxy;
    }

    @Override
    public Map<String, String> start() {
        LocalStack parts = stack();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", parts.catalogReactiveUrl());
        config.put("quarkus.datasource.jdbc.url", parts.catalogJdbcUrl());
        for (String service : new String[] {"sqs", "s3"}) {
            String endpoint = service.equals("sqs") ? "http://127.0.0.1:" + sqsProxy().port() : parts.s3Endpoint().toString();
            config.put("quarkus." + service + ".endpoint-override", endpoint);
            config.put("quarkus." + service + ".aws.region", AwsClients.REGION);
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", AwsClients.ACCESS_KEY);
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", AwsClients.SECRET_KEY);
        }
        config.put("bigpicture.secrets.master-key", TEST_MASTER_KEY);
        return config;
    }

    @Override
    public void stop() {
        // the stack outlives each Quarkus boot; the JVM's shutdown hook stops it
    }
}
