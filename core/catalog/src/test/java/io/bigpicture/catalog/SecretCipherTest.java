package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final byte[] masterKey = Base64.getDecoder().decode(LocalKeyEncryptionKey.newKeyBase64());
    private final SecretCipher cipher = new SecretCipher(new LocalKeyEncryptionKey(masterKey));
    private final UUID tenant = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private final SecretBinding password = new SecretBinding(tenant, warehouse, SecretBinding.Field.PASSWORD);

    @Test
    void aSecretComesBackAsItWent() {
        assertThat(cipher.decrypt(cipher.encrypt("pa$$wörd", password), password)).isEqualTo("pa$$wörd");
    }

    @Test
    void theStoredFormNeitherHoldsTheSecretNorRepeats() {
        byte[] first = cipher.encrypt("hunter2-hunter2", password);
        byte[] second = cipher.encrypt("hunter2-hunter2", password);

        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(first).isNotEqualTo(second);
    }

    /** A row swap in the catalog must not send one tenant's password to another's host. */
    @Test
    void aSecretMovedToAnotherWarehouseTenantOrFieldDoesNotOpenThere() {
        byte[] stored = cipher.encrypt("secret", password);

        for (SecretBinding elsewhere : new SecretBinding[] {new SecretBinding(tenant, UUID.randomUUID(), SecretBinding.Field.PASSWORD),
                new SecretBinding(UUID.randomUUID(), warehouse, SecretBinding.Field.PASSWORD),
                new SecretBinding(tenant, warehouse, SecretBinding.Field.AWS_SECRET_ACCESS_KEY)}) {
            assertThatThrownBy(() -> cipher.decrypt(stored, elsewhere)).as(elsewhere.toString()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSecretStoredBeforeBindingOpensOnlyOnceRebindingHasBoundItToItsRow() {
        byte[] unbound = unbound("legacy-secret");

        assertThatThrownBy(() -> cipher.decrypt(unbound, password)).hasMessageContaining("before secrets were bound");
        byte[] rebound = cipher.rebind(unbound, password).orElseThrow();

        assertThat(cipher.decrypt(rebound, password)).isEqualTo("legacy-secret");
        assertThat(cipher.rebind(rebound, password)).as("bound already").isEmpty();
        assertThatThrownBy(() -> cipher.decrypt(rebound, new SecretBinding(tenant, UUID.randomUUID(), SecretBinding.Field.PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherMasterKeyCannotOpenIt() {
        byte[] stored = cipher.encrypt("secret", password);
        SecretCipher other = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64());

        assertThatThrownBy(() -> other.decrypt(stored, password)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedSecretIsRefused() {
        byte[] stored = cipher.encrypt("secret", password);
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored, password)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMasterKeyMustBeAes256() {
        assertThatThrownBy(() -> new LocalKeyEncryptionKey(new byte[16])).hasMessageContaining("32 bytes");
    }

    /** The stored form before secrets were bound: format 1, no associated data anywhere. */
    private byte[] unbound(String secret) {
        byte[] dataKey = new byte[32];
        AesGcm.RANDOM.nextBytes(dataKey);
        byte[] wrapped = AesGcm.seal(new SecretKeySpec(masterKey, "AES"), dataKey, null);
        byte[] ciphertext = AesGcm.seal(new SecretKeySpec(dataKey, "AES"), secret.getBytes(StandardCharsets.UTF_8), null);
        return ByteBuffer.allocate(1 + 2 + wrapped.length + ciphertext.length).put((byte) 1).putShort((short) wrapped.length).put(wrapped)
                .put(ciphertext).array();
    }
}
