package io.bigpicture.catalog;

/**
 * The key that wraps each secret's own data key ({@link SecretCipher}): an AES key from
 * configuration ({@link LocalKeyEncryptionKey}, for a trial or the local stack) or a key that never
 * leaves AWS KMS ({@link AwsKmsKeyEncryptionKey}, in production).
 */
public sealed interface KeyEncryptionKey permits LocalKeyEncryptionKey, AwsKmsKeyEncryptionKey {

    /** A fresh AES-256 data key, and the same key wrapped to be stored beside what it encrypts. */
    record DataKey(byte[] plaintext, byte[] wrapped) {
    }

    /** A data key for the secret, its wrapping bound to it. */
    DataKey newDataKey(SecretBinding binding);

    /**
     * @param binding the secret the key was made for; null for a key wrapped before secrets were bound
     * @throws IllegalArgumentException when the wrapped key was not made by this key for this secret
     */
    byte[] unwrap(byte[] wrapped, SecretBinding binding);

    /** Stored with each secret, so that a secret wrapped by another kind of key is named as such. */
    byte formatVersion();

    /** For errors: which key, never any key material. */
    String describe();
}
