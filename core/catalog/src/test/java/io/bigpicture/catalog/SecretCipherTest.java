package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64());

    @Test
    void aSecretComesBackAsItWent() {
        assertThat(cipher.decrypt(cipher.encrypt("pa$$wörd"))).isEqualTo("pa$$wörd");
    }

    @Test
    void theStoredFormNeitherHoldsTheSecretNorRepeats() {
        byte[] first = cipher.encrypt("hunter2-hunter2");
        byte[] second = cipher.encrypt("hunter2-hunter2");

        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anotherMasterKeyCannotOpenIt() {
        byte[] stored = cipher.encrypt("secret");
        SecretCipher other = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64());

        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedSecretIsRefused() {
        byte[] stored = cipher.encrypt("secret");
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMasterKeyMustBeAes256() {
        assertThatThrownBy(() -> new LocalKeyEncryptionKey(new byte[16])).hasMessageContaining("32 bytes");
    }
}
