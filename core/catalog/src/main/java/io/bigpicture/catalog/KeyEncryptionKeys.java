package io.bigpicture.catalog;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/** The key encryption key an app's configuration names: a local master key or an AWS KMS key, exactly one. */
public final class KeyEncryptionKeys {

    private KeyEncryptionKeys() {
    }

    /**
     * @param masterKey   base64 of a 32-byte AES key ({@code bigpicture.secrets.master-key})
     * @param kmsKeyId    an AWS KMS key's id, ARN or alias ({@code bigpicture.secrets.kms-key-id});
     *                    credentials and, unless {@code kmsRegion} is given, the region come from the
     *                    AWS SDK's default chains (on Kubernetes: the pod's IAM role)
     * @param kmsEndpoint another KMS endpoint, e.g. a local emulator
     */
    public static KeyEncryptionKey configured(Optional<String> masterKey, Optional<String> kmsKeyId, Optional<String> kmsRegion,
                                              Optional<URI> kmsEndpoint) {
        if (masterKey.isPresent() == kmsKeyId.isPresent()) {
            throw new IllegalArgumentException("set exactly one of bigpicture.secrets.master-key (BIGPICTURE_SECRETS_MASTER_KEY)"
                    + " and bigpicture.secrets.kms-key-id (BIGPICTURE_SECRETS_KMS_KEY_ID)");
        }
        if (masterKey.isPresent()) {
            return LocalKeyEncryptionKey.fromBase64(masterKey.get());
        }
        KmsClientBuilder kms = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
        kmsRegion.map(Region::of).ifPresent(kms::region);
        kmsEndpoint.ifPresent(kms::endpointOverride);
        return new AwsKmsKeyEncryptionKey(kms.build(), kmsKeyId.get());
    }
}
