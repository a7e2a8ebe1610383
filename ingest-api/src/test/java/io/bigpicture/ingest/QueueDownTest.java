package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingTcpProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A 200 means queued: while SQS is unreachable requests get 503, and nothing answered 200 is lost. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class QueueDownTest {

    @Inject
    WriteKeyCache cache;

    @Test
    void whileTheQueueIsDownRequestsGet503AndEveryAcceptedEventArrivesAfter() {
        TestSources sources = TestSources.create(cache);
        TestingTcpProxy sqs = LocalStackResource.sqsProxy();
        Set<String> accepted = new HashSet<>();
        int unavailable = 0;
        try {
            for (int i = 0; i < 30; i++) {
                if (i == 10) {
                    sqs.cut();
                }
                if (i == 20) {
                    sqs.restore();
                }
                String id = "down-" + i;
                int status = given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                        .body("{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"" + id + "\"}").post("/v1/track")
                        .then().extract().statusCode();
                if (status == 200) {
                    accepted.add(id);
                } else {
                    assertThat(status).isEqualTo(503);
                    unavailable++;
                }
            }
        } finally {
            sqs.restore();
        }

        assertThat(unavailable).as("requests while the queue was down").isEqualTo(10);
        Set<String> queued = new HashSet<>();
        sources.queued(accepted.size()).forEach(event -> queued.add(event.get("messageId").asText()));
        assertThat(queued).containsAll(accepted);
    }

    @Test
    void theAnswerWhileDownSaysWhenToRetry() {
        TestSources sources = TestSources.create(cache);
        TestingTcpProxy sqs = LocalStackResource.sqsProxy();
        sqs.cut();
        try {
            given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON)
                    .body("{\"userId\":\"u\",\"event\":\"E\"}").post("/v1/track")
                    .then().statusCode(503).header("Retry-After", "5");
        } finally {
            sqs.restore();
        }
    }
}
