package io.bigpicture.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The benchmark's yardsticks, on Vert.x like the ingest API itself:
 * {@code bare} parses the JSON and answers 200 (the ceiling of HTTP and JSON here);
 * {@code naive} also puts the raw body on SQS as one message per request and answers once SQS
 * took it (the least a durable ingest must do). {@code GET /stats} says what went to SQS.
 *
 * <p>Arguments: {@code bare|naive PORT [SQS_ENDPOINT QUEUE]}.
 */
public final class ReferenceServers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong MESSAGES = new AtomicLong();
    private static final AtomicLong BYTES = new AtomicLong();

    private ReferenceServers() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        SqsAsyncClient sqs = mode.equals("naive") ? SqsAsyncClient.builder()
                .endpointOverride(URI.create(args[2]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(256))
                .build() : null;
        String queueUrl = sqs == null ? null : sqs.getQueueUrl(b -> b.queueName(args[3])).join().queueUrl();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                vertx.createHttpServer().requestHandler(request -> handle(request, sqs, queueUrl)).listen(port);
            }
        }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println(mode + " server on port " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    private static void handle(HttpServerRequest request, SqsAsyncClient sqs, String queueUrl) {
        if (request.path().equals("/stats")) {
            request.response().end("{\"messages\":" + MESSAGES.get() + ",\"bytes\":" + BYTES.get() + "}");
            return;
        }
        Context context = Vertx.currentContext();
        request.body().onSuccess(body -> {
            try {
                JSON.readTree(body.getBytes());
            } catch (IOException notJson) {
                request.response().setStatusCode(400).end();
                return;
            }
            if (sqs == null) {
                request.response().putHeader("Content-Type", "application/json").end("{\"success\":true}");
                return;
            }
            String text = body.toString();
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(text)).whenComplete((sent, failure) -> context.runOnContext(ignored -> {
                if (failure != null) {
                    request.response().setStatusCode(503).end();
                    return;
                }
                MESSAGES.incrementAndGet();
                BYTES.addAndGet(body.length());
                request.response().putHeader("Content-Type", "application/json").end("{\"success\":true}");
            }));
        });
    }
}
