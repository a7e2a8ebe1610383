package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class QueuedEventsTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A lone surrogate is legal in a JSON string; through the queue it arrives as sent, not as "?". */
    @Property(tries = 300)
    void anyJsonStringArrivesAsSent(@ForAll @StringLength(max = 40) String sent, @ForAll @IntRange(max = 0xFFFF) int anyChar) throws Exception {
        String value = sent + (char) anyChar + sent;
        String line = JSON.writeValueAsString(java.util.Map.of("x", value));

        List<String> arrived = QueuedEvents.decode(QueuedEvents.encode(List.of(line)));

        assertThat(JSON.readTree(arrived.get(0)).get("x").asText()).isEqualTo(value);
    }

    @Test
    void onlyLoneSurrogatesAreEscaped() {
        assertThat(QueuedEvents.withLoneSurrogatesEscaped("{\"x\":\"a\ud800b\udc00\ud83d\ude00\"}"))
                .isEqualTo("{\"x\":\"a\\ud800b\\udc00\ud83d\ude00\"}");
        String clean = "{\"x\":\"é\"}";
        assertThat(QueuedEvents.withLoneSurrogatesEscaped(clean)).isSameAs(clean);
    }

    @Property(tries = 200)
    void packingKeepsEveryLineInOrderAndEveryBodyUnderTheLimit(
            @ForAll @Size(max = 60) List<@StringLength(min = 1, max = 60) String> lines,
            @ForAll @IntRange(min = 300, max = 2000) int maxBytes) {
        List<String> sanitized = lines.stream().map(line -> line.replace('\n', ' ').replace('\r', ' ')).filter(line -> !line.isBlank()).toList();

        List<String> bodies = pack(sanitized, maxBytes);

        assertThat(bodies).allSatisfy(body -> assertThat(body.length()).isLessThanOrEqualTo(maxBytes));
        assertThat(bodies.stream().flatMap(body -> QueuedEvents.decode(body).stream()).toList()).isEqualTo(sanitized);
    }

    @Test
    void jsonEventsShareABodySeveralTimesLargerThanTheLimit() {
        List<String> events = IntStream.range(0, 1000).mapToObj(i ->
                "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"G-32\",\"price\":18.99}}").toList();
        int rawBytes = events.stream().mapToInt(line -> line.length() + 1).sum();

        List<String> bodies = pack(events, rawBytes / 2);

        assertThat(bodies).hasSize(1);
    }

    @Test
    void textThatDoesNotCompressIsSplitToFit() {
        Random random = new Random(42);
        List<String> noise = IntStream.range(0, 50).mapToObj(i -> {
            StringBuilder line = new StringBuilder();
            random.ints(200, 33, 127).forEach(c -> line.append((char) c));
            return line.toString();
        }).toList();

        List<String> bodies = pack(noise, 4000);

        assertThat(bodies).hasSizeGreaterThan(1).allSatisfy(body -> assertThat(body.length()).isLessThanOrEqualTo(4000));
        assertThat(bodies.stream().flatMap(body -> QueuedEvents.decode(body).stream()).toList()).isEqualTo(noise);
    }

    @Test
    void aLineLargerThanAMessageIsRefused() {
        assertThatThrownBy(() -> new QueuedEvents.Packer(50).add("x".repeat(100).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBodyThatIsNotOursIsRefusedClearly() {
        assertThatThrownBy(() -> QueuedEvents.decode("{\"not\":\"base64 gzip\"}")).hasMessageStartingWith("not a queued-events body");
    }

    private static List<String> pack(List<String> lines, int maxBytes) {
        QueuedEvents.Packer packer = new QueuedEvents.Packer(maxBytes);
        List<List<byte[]>> groups = new ArrayList<>();
        lines.forEach(line -> groups.add(packer.add(line.getBytes(StandardCharsets.UTF_8))));
        groups.add(packer.drain());
        return groups.stream().filter(group -> !group.isEmpty()).flatMap(group -> QueuedEvents.bodies(group, maxBytes).stream()).toList();
    }
}
