package io.bigpicture.local;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack as a process for {@code ./bigpicture up}: starts the parts, then answers
 * {@code GET /health} on the health port until the process is stopped.
 *
 * <p>Arguments: {@code HOME POSTGRES_PORT SQS_PORT S3_PORT HEALTH_PORT}.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LocalStackMain HOME POSTGRES_PORT SQS_PORT S3_PORT HEALTH_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        var ports = new LocalStack.Ports(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        LocalStack stack = LocalStack.start(home, ports);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));

        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[4])), 0);
        health.createContext("/health", exchange -> {
            byte[] body = ("{\"status\":\"UP\",\"postgres\":" + stack.postgresPort()
                    + ",\"sqs\":\"" + stack.sqsEndpoint() + "\",\"s3\":\"" + stack.s3Endpoint() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        System.out.println("local stack up: postgres " + stack.postgresPort() + ", sqs " + stack.sqsEndpoint()
                + ", s3 " + stack.s3Endpoint());
        stopped.await();
    }
}
