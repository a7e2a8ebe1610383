package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void nullIsAnEmptyUnquotedFieldAndEverythingElseIsQuoted() {
        assertThat(CsvLine.of(Arrays.asList("a", null, "", "say \"hi\"", "x,y\nz")))
                .isEqualTo("\"a\",,\"\",\"say \"\"hi\"\"\",\"x,y\nz\"\n");
    }
}
