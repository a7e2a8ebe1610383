package io.bigpicture.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of warehouse secrets: each secret gets its own AES-256-GCM data key, and the
 * data key is stored encrypted under the master key. Rotating the master key then means
 * re-wrapping small data keys, and one leaked data key opens one secret.
 *
 * <p>Stored form: {@code version(1) | wrappedKeyLength(2) | wrappedKey | nonce(12) | ciphertext+tag}.
 */
public final class SecretCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey masterKey;

    public SecretCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256), got " + masterKey.length);
        }
        this.masterKey = new SecretKeySpec(masterKey, "AES");
    }

    /** From the base64 form used in configuration. */
    public static SecretCipher fromBase64(String masterKey) {
        return new SecretCipher(Base64.getDecoder().decode(masterKey));
    }

    public static String newMasterKeyBase64() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public byte[] encrypt(String secret) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey dataKey = generator.generateKey();
            byte[] wrappedKey = seal(masterKey, dataKey.getEncoded());
            byte[] ciphertext = seal(dataKey, secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + 2 + wrappedKey.length + ciphertext.length)
                    .put(VERSION)
                    .putShort((short) wrappedKey.length)
                    .put(wrappedKey)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every JVM", e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(stored);
            byte version = buffer.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown secret format version " + version);
            }
            byte[] wrappedKey = new byte[buffer.getShort()];
            buffer.get(wrappedKey);
            byte[] ciphertext = new byte[buffer.remaining()];
            buffer.get(ciphertext);
            SecretKey dataKey = new SecretKeySpec(open(masterKey, wrappedKey), "AES");
            return new String(open(dataKey, ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret does not open with this master key", e);
        }
    }

    /** nonce | ciphertext+tag */
    private static byte[] seal(SecretKey key, byte[] plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    private static byte[] open(SecretKey key, byte[] nonceAndCiphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, 0, NONCE_BYTES));
        return cipher.doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
    }
}
