package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;

class QueuedEventsTest {

    @Property
    void packingKeepsEveryLineInOrderAndEveryBodyUnderTheLimit(
            @ForAll @Size(max = 50) List<@AlphaChars @StringLength(min = 1, max = 40) String> lines,
            @ForAll @IntRange(min = 41, max = 200) int maxBytes) {
        List<String> bodies = QueuedEvents.pack(lines, maxBytes);

        assertThat(bodies).allSatisfy(body -> assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes));
        assertThat(bodies.stream().flatMap(body -> QueuedEvents.unpack(body).stream()).collect(Collectors.toList())).isEqualTo(lines);
    }

    @org.junit.jupiter.api.Test
    void fewBodiesForManySmallLines() {
        List<String> lines = IntStream.range(0, 100).mapToObj(i -> "{\"n\":" + i + "}").toList();

        assertThat(QueuedEvents.pack(lines, 256 * 1024)).hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void aLineLargerThanAMessageIsRefused() {
        assertThatThrownBy(() -> QueuedEvents.pack(List.of("x".repeat(100)), 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
