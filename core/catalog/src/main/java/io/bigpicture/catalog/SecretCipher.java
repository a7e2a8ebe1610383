package io.bigpicture.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of warehouse secrets: each secret gets its own AES-256-GCM data key, and the
 * data key is stored wrapped by the {@link KeyEncryptionKey}. Rotating that key then means
 * re-wrapping small data keys, and one leaked data key opens one secret.
 *
 * <p>Stored form: {@code version(1) | wrappedKeyLength(2) | wrappedKey | nonce(12) | ciphertext+tag};
 * the version says which kind of key wrapped it.
 */
public final class SecretCipher {

    private final KeyEncryptionKey keyEncryptionKey;

    public SecretCipher(KeyEncryptionKey keyEncryptionKey) {
        this.keyEncryptionKey = keyEncryptionKey;
    }

    /** With a local master key, in the base64 form used in configuration. */
    public static SecretCipher fromBase64(String masterKey) {
        return new SecretCipher(LocalKeyEncryptionKey.fromBase64(masterKey));
    }

    public byte[] encrypt(String secret) {
        KeyEncryptionKey.DataKey dataKey = keyEncryptionKey.newDataKey();
        try {
            byte[] ciphertext = AesGcm.seal(new SecretKeySpec(dataKey.plaintext(), "AES"), secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + 2 + dataKey.wrapped().length + ciphertext.length)
                    .put(keyEncryptionKey.formatVersion())
                    .putShort((short) dataKey.wrapped().length)
                    .put(dataKey.wrapped())
                    .put(ciphertext)
                    .array();
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    public String decrypt(byte[] stored) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte version = buffer.get();
        if (version != keyEncryptionKey.formatVersion()) {
            throw new IllegalArgumentException("the secret was wrapped by " + wrappedBy(version) + ", but this app has "
                    + keyEncryptionKey.describe());
        }
        byte[] wrappedKey = new byte[buffer.getShort()];
        buffer.get(wrappedKey);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        byte[] dataKey = keyEncryptionKey.unwrap(wrappedKey);
        try {
            return new String(AesGcm.open(new SecretKeySpec(dataKey, "AES"), ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret was changed after it was stored", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static String wrappedBy(byte version) {
        return switch (version) {
            case 1 -> "a local master key";
            case 2 -> "an AWS KMS key";
            default -> "an unknown kind of key (format " + version + ")";
        };
    }
}
