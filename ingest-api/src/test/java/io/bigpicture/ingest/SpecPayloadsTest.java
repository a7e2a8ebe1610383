package io.bigpicture.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each endpoint with the example payload the Segment spec documents for it. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SpecPayloadsTest {

    @Inject
    WriteKeyCache cache;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "track|event|Registered|{\"userId\":\"019mr8mf4r\",\"event\":\"Registered\",\"properties\":{\"plan\":\"Pro Annual\",\"accountType\":\"Facebook\"},\"timestamp\":\"2015-02-23T22:28:55.387Z\",\"context\":{\"ip\":\"24.5.68.47\"}}",
            "identify|userId|97980cfea0067|{\"userId\":\"97980cfea0067\",\"traits\":{\"name\":\"Peter Gibbons\",\"email\":\"peter@example.com\",\"plan\":\"premium\",\"logins\":5},\"timestamp\":\"2015-02-23T22:28:55.387Z\"}",
            "page|name|Home|{\"userId\":\"019mr8mf4r\",\"name\":\"Home\",\"properties\":{\"title\":\"Welcome to Initech\",\"url\":\"http://www.example.com\"}}",
            "screen|name|Home|{\"userId\":\"019mr8mf4r\",\"name\":\"Home\",\"properties\":{\"Feed Type\":\"private\"}}",
            "group|groupId|0e8c78ea9d97a7b8185e8632|{\"userId\":\"019mr8mf4r\",\"groupId\":\"0e8c78ea9d97a7b8185e8632\",\"traits\":{\"name\":\"Initech\",\"industry\":\"Technology\",\"employees\":329}}",
            "alias|previousId|39239-239239-239239-23923|{\"previousId\":\"39239-239239-239239-23923\",\"userId\":\"507f191e81\"}"})
    void theSpecsExampleIsQueuedAsSent(String type, String field, String value, String payload) {
        TestSources sources = TestSources.create(cache);

        given().auth().preemptive().basic(sources.writeKey(), "").contentType(ContentType.JSON).body(payload)
                .post("/v1/" + type).then().statusCode(200);

        JsonNode queued = sources.queued(1).get(0);
        assertThat(queued.get("type").asText()).isEqualTo(type);
        assertThat(queued.get(field).asText()).isEqualTo(value);
    }
}
