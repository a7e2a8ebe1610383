package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class QueuedEventsTest {

    @Property
    void packingKeepsEveryLineInOrderAndEveryBodyUnderTheLimit(
            @ForAll @Size(max = 50) List<@AlphaChars @StringLength(min = 1, max = 40) String> lines,
            @ForAll @IntRange(min = 41, max = 200) int maxBytes) {
        List<String> bodies = pack(lines, maxBytes);

        assertThat(bodies).allSatisfy(body -> assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes));
        assertThat(bodies.stream().flatMap(body -> QueuedEvents.unpack(body).stream()).toList()).isEqualTo(lines);
    }

    @Test
    void manySmallLinesShareOneBody() {
        List<String> lines = IntStream.range(0, 100).mapToObj(i -> "{\"n\":" + i + "}").toList();

        assertThat(pack(lines, 256 * 1024)).hasSize(1);
    }

    @Test
    void aLineLargerThanAMessageIsRefused() {
        assertThatThrownBy(() -> new QueuedEvents.Packer(50).add("x".repeat(100))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> pack(List<String> lines, int maxBytes) {
        QueuedEvents.Packer packer = new QueuedEvents.Packer(maxBytes);
        List<String> bodies = new ArrayList<>();
        lines.forEach(line -> packer.add(line).ifPresent(bodies::add));
        packer.drain().ifPresent(bodies::add);
        return bodies;
    }
}
