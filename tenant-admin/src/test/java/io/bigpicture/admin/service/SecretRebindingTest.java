package io.bigpicture.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.catalog.SecretBinding;
import io.bigpicture.catalog.SecretCipher;
import io.bigpicture.testing.LocalStackResource;
import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.testing.TestingCatalog.TestSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SecretRebindingTest {

    @Inject
    SecretRebinding rebinding;

    @Test
    void aPasswordStoredBeforeSecretsWereBoundIsBoundToItsRowAndOpensThereOnly() throws Exception {
        TestSource source = TestingCatalog.source("legacy_" + UUID.randomUUID().toString().substring(0, 8));
        UUID warehouse = TestingCatalog.warehouse(source);
        TestingCatalog.execute("update warehouse set password_secret = ? where id = ?", unbound("old-password"), warehouse);
        SecretCipher cipher = SecretCipher.fromBase64(LocalStackResource.TEST_MASTER_KEY);
        SecretBinding binding = new SecretBinding(source.tenantId(), warehouse, SecretBinding.Field.PASSWORD);
        assertThatThrownBy(() -> cipher.decrypt(stored(warehouse), binding)).as("refused until bound").isInstanceOf(IllegalArgumentException.class);

        assertThat(rebinding.rebindAll()).isGreaterThanOrEqualTo(1);

        assertThat(cipher.decrypt(stored(warehouse), binding)).isEqualTo("old-password");
        assertThat(rebinding.rebindAll()).as("nothing left to bind").isZero();
    }

    private static byte[] stored(UUID warehouse) {
        return (byte[]) TestingCatalog.single("select password_secret from warehouse where id = ?", warehouse);
    }

    /** The stored form of the first release: format 1, a data key wrapped by the master key, no associated data. */
    private static byte[] unbound(String secret) throws Exception {
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        byte[] wrapped = seal(Base64.getDecoder().decode(LocalStackResource.TEST_MASTER_KEY), dataKey);
        byte[] ciphertext = seal(dataKey, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + 2 + wrapped.length + ciphertext.length).put((byte) 1).putShort((short) wrapped.length).put(wrapped)
                .put(ciphertext).array();
    }

    private static byte[] seal(byte[] key, byte[] plaintext) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = aes.doFinal(plaintext);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }
}
