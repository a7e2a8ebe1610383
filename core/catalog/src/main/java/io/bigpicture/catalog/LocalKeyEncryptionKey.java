package io.bigpicture.catalog;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** An AES-256 key from configuration wraps the data keys with AES-GCM. */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    private final SecretKey key;

    public LocalKeyEncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From the base64 form used in configuration. */
    public static LocalKeyEncryptionKey fromBase64(String key) {
        return new LocalKeyEncryptionKey(Base64.getDecoder().decode(key));
    }

    public static String newKeyBase64() {
        byte[] key = new byte[32];
        AesGcm.RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public DataKey newDataKey(SecretBinding binding) {
        byte[] dataKey = new byte[32];
        AesGcm.RANDOM.nextBytes(dataKey);
        return new DataKey(dataKey, AesGcm.seal(key, dataKey, binding.associatedData()));
    }

    @Override
    public byte[] unwrap(byte[] wrapped, SecretBinding binding) {
        try {
            return AesGcm.open(key, wrapped, binding == null ? null : binding.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret does not open with this master key", e);
        }
    }

    @Override
    public byte formatVersion() {
        return 1;
    }

    @Override
    public String describe() {
        return "the configured master key";
    }
}
