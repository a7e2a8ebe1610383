package io.bigpicture.local;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible server (ElasticMQ) with the queues the apps use, each with a dead-letter queue.
 * Queues live in memory: the apps drain them on a graceful stop.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private LocalSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static LocalSqs start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
        int boundPort = server.waitUntilStarted().localAddress().getPort();
        return new LocalSqs(server, URI.create("http://127.0.0.1:" + boundPort));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates the queue and its dead-letter queue; messages received this often go to the latter. */
    public void ensureQueue(String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
        try (SqsClient sqs = AwsClients.sqs(endpoint)) {
            String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl)
                            .attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
            sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy)));
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
