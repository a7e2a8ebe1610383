package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.ParseResult.Accepted;
import io.bigpicture.events.ParseResult.Refused;
import io.bigpicture.events.ParseResult.RejectedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** However good and bad messages mix in a batch, each one is either queued or rejected, never both, never lost. */
class BatchPartitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GOOD = List.of(
            "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}",
            "{\"type\":\"identify\",\"anonymousId\":\"a\",\"traits\":{\"x\":1}}",
            "{\"type\":\"page\",\"userId\":7,\"name\":\"Home\"}",
            "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p\"}");
    private static final List<String> BAD = List.of(
            "{\"type\":\"track\",\"userId\":\"u\"}",
            "{\"type\":\"screen\",\"userId\":\"u\",\"timestamp\":\"soon\"}",
            "{\"type\":\"nope\",\"userId\":\"u\"}",
            "{\"type\":\"group\",\"userId\":\"u\"}",
            "{\"event\":\"E\",\"userId\":\"u\"}",
            "[1]", "null", "\"text\"", "3.5");

    @Property
    void everyMessageIsQueuedOrRejectedAtItsOwnIndex(@ForAll("batches") List<Boolean> goodAtIndex) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < goodAtIndex.size(); i++) {
            List<String> pool = goodAtIndex.get(i) ? GOOD : BAD;
            sent.add(pool.get(i % pool.size()));
        }
        byte[] body = ("{\"batch\":[" + String.join(",", sent) + "]}").getBytes(StandardCharsets.UTF_8);

        ParseResult result = new MessageParser(JSON).parseBatch(body);

        List<Integer> badIndexes = IntStream.range(0, sent.size()).filter(i -> !goodAtIndex.get(i)).boxed().toList();
        long good = goodAtIndex.stream().filter(Boolean::booleanValue).count();
        List<RejectedMessage> rejected = result instanceof Accepted accepted ? accepted.rejected() : ((Refused) result).rejected();
        assertThat(rejected).extracting(RejectedMessage::index).containsExactlyElementsOf(badIndexes);
        assertThat(rejected).allSatisfy(message -> assertThat(message.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.index()).isEqualTo(message.index())));
        if (good == 0) {
            assertThat(result).isInstanceOf(Refused.class);
        } else {
            assertThat(((Accepted) result).messages()).hasSize((int) good);
        }
    }

    @Provide
    Arbitrary<List<Boolean>> batches() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(40);
    }
}
