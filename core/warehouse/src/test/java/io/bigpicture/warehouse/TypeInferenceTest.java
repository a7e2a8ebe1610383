package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeInferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "9|BIGINT",
            "-9223372036854775808|BIGINT",
            "9223372036854775808|DOUBLE_PRECISION",
            "9.5|DOUBLE_PRECISION",
            "1e3|DOUBLE_PRECISION",
            "true|BOOLEAN",
            "\"2024-05-01T10:00:00Z\"|TIMESTAMP",
            "\"2024-05-01T10:00:00.123+02:00\"|TIMESTAMP",
            "\"2024-05-01\"|VARCHAR",
            "\"99\"|VARCHAR",
            "\"hello\"|VARCHAR"})
    void aNewColumnTakesTheTypeOfItsFirstValue(String json, ColumnType expected) throws Exception {
        assertThat(TypeInference.typeOf(JSON.readTree(json))).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"null"})
    void nullMakesNoColumn(String json) throws Exception {
        assertThat(TypeInference.typeOf(JSON.readTree(json))).isEqualTo(Optional.empty());
    }
}
