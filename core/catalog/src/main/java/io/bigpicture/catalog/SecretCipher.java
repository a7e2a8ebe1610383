package io.bigpicture.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of warehouse secrets: each secret gets its own AES-256-GCM data key, and the
 * data key is stored wrapped by the {@link KeyEncryptionKey}. Rotating that key then means
 * re-wrapping small data keys, and one leaked data key opens one secret. Both the secret and its
 * wrapped key are bound to where the secret belongs ({@link SecretBinding}): a ciphertext moved to
 * another warehouse's row, or to another field, does not open.
 *
 * <p>Stored form: {@code format(1) | wrappedKeyLength(2) | wrappedKey | nonce(12) | ciphertext+tag};
 * the format says which kind of key wrapped it and whether it is bound ({@link #BOUND}). Secrets
 * stored before binding open only through {@link #rebind}, which tenant-admin runs on them at start.
 */
public final class SecretCipher {

    /** Set in the format byte of a bound secret, beside the key's own format version. */
    static final int BOUND = 0x40;

    private final KeyEncryptionKey keyEncryptionKey;

    public SecretCipher(KeyEncryptionKey keyEncryptionKey) {
        this.keyEncryptionKey = keyEncryptionKey;
    }

    /** With a local master key, in the base64 form used in configuration. */
    public static SecretCipher fromBase64(String masterKey) {
        return new SecretCipher(LocalKeyEncryptionKey.fromBase64(masterKey));
    }

    public byte[] encrypt(String secret, SecretBinding binding) {
        KeyEncryptionKey.DataKey dataKey = keyEncryptionKey.newDataKey(binding);
        try {
            byte[] ciphertext = AesGcm.seal(new SecretKeySpec(dataKey.plaintext(), "AES"), secret.getBytes(StandardCharsets.UTF_8),
                    binding.associatedData());
            return ByteBuffer.allocate(1 + 2 + dataKey.wrapped().length + ciphertext.length)
                    .put((byte) (keyEncryptionKey.formatVersion() | BOUND))
                    .putShort((short) dataKey.wrapped().length)
                    .put(dataKey.wrapped())
                    .put(ciphertext)
                    .array();
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    /** @throws IllegalArgumentException when the secret is not this one's, was changed, or was stored before binding */
    public String decrypt(byte[] stored, SecretBinding binding) {
        if ((stored[0] & BOUND) == 0) {
            throw new IllegalArgumentException("the secret is stored in the form before secrets were bound to their warehouse;"
                    + " tenant-admin converts it when it starts");
        }
        return open(stored, binding);
    }

    /**
     * A secret stored before binding, stored again bound to where it is; empty when it is bound
     * already. Only for secrets read from their own row: binding is what vouches for the row.
     */
    public Optional<byte[]> rebind(byte[] stored, SecretBinding binding) {
        if ((stored[0] & BOUND) != 0) {
            return Optional.empty();
        }
        return Optional.of(encrypt(open(stored, null), binding));
    }

    private String open(byte[] stored, SecretBinding binding) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte version = (byte) (buffer.get() & ~BOUND);
        if (version != keyEncryptionKey.formatVersion()) {
            throw new IllegalArgumentException("the secret was wrapped by " + wrappedBy(version) + ", but this app has "
                    + keyEncryptionKey.describe());
        }
        byte[] wrappedKey = new byte[buffer.getShort()];
        buffer.get(wrappedKey);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        byte[] dataKey = keyEncryptionKey.unwrap(wrappedKey, binding);
        try {
            return new String(AesGcm.open(new SecretKeySpec(dataKey, "AES"), ciphertext, binding == null ? null : binding.associatedData()),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret was changed after it was stored, or belongs to another warehouse", e);
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
