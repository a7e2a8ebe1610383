package io.bigpicture.catalog;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * A key in AWS KMS makes each data key (GenerateDataKey) and unwraps it again (Decrypt); the key
 * itself never leaves KMS, and every use is in CloudTrail. The encryption context binds a wrapped
 * key to the one secret it was made for ({@link SecretBinding}), so that no other data key can be
 * passed off as its.
 */
public final class AwsKmsKeyEncryptionKey implements KeyEncryptionKey {

    /** The context of data keys made before secrets were bound to their rows. */
    private static final Map<String, String> UNBOUND_CONTEXT = Map.of("bigpicture", SecretBinding.PURPOSE);

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId the key's id, ARN or alias ({@code alias/bigpicture-secrets}) */
    public AwsKmsKeyEncryptionKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey newDataKey(SecretBinding binding) {
        try {
            GenerateDataKeyResponse made = kms.generateDataKey(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(binding.kmsContext()));
            return new DataKey(made.plaintext().asByteArray(), made.ciphertextBlob().asByteArray());
        } catch (KmsException e) {
            throw new IllegalStateException("AWS KMS made no data key with " + describe() + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, SecretBinding binding) {
        try {
            return kms.decrypt(request -> request.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                    .encryptionContext(binding == null ? UNBOUND_CONTEXT : binding.kmsContext())).plaintext().asByteArray();
        } catch (InvalidCiphertextException e) {
            throw new IllegalArgumentException("the secret does not open with " + describe(), e);
        } catch (KmsException e) {
            throw new IllegalStateException("AWS KMS did not unwrap the secret's key with " + describe() + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public byte formatVersion() {
        return 2;
    }

    @Override
    public String describe() {
        return "the AWS KMS key " + keyId;
    }
}
