package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void nullIsAnEmptyUnquotedFieldAndEverythingElseIsQuoted() throws Exception {
        assertThat(lines(Arrays.asList("a", null, "", "say \"hi\"", "x,y\nz"), List.of("é€😀")))
                .isEqualTo("\"a\",,\"\",\"say \"\"hi\"\"\",\"x,y\nz\"\n\"é€😀\"\n");
    }

    @Property
    void anyTextIsWrittenAsItsUtf8Bytes(@ForAll("lines") List<String> values) throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            expected.append(i > 0 ? "," : "").append(values.get(i) == null ? "" : '"' + values.get(i).replace("\"", "\"\"") + '"');
        }
        expected.append('\n');

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter writer = new CsvWriter(bytes)) {
            writer.writeLine(values);
        }

        assertThat(bytes.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40_000);
        Arbitrary<String> nearAscii = Arbitraries.strings().withChars("\",\n\r aé€\uD83D\uDE00\uD800").ofMaxLength(50);
        return Arbitraries.oneOf(any, nearAscii).injectNull(0.2).list().ofMaxSize(6);
    }

    @SafeVarargs
    private static String lines(List<String>... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter writer = new CsvWriter(bytes)) {
            for (List<String> line : lines) {
                writer.writeLine(line);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
