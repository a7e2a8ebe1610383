package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteKeysTest {

    @Test
    void keysCarryAtLeast128RandomBitsAndDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = WriteKeys.generate();
            assertThat(Base64.getUrlDecoder().decode(key.substring("bpk_".length()))).hasSizeGreaterThanOrEqualTo(16);
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void theHashIsStableHexSha256() {
        String key = WriteKeys.generate();

        assertThat(WriteKeys.hash(key)).isEqualTo(WriteKeys.hash(key)).hasSize(64).matches("[0-9a-f]+");
        assertThat(WriteKeys.hash(key)).isNotEqualTo(WriteKeys.hash(WriteKeys.generate()));
    }
}
