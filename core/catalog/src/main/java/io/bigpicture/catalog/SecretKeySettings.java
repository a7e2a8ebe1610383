package io.bigpicture.catalog;

import java.net.URI;
import java.util.Optional;

/**
 * What wraps the warehouse credentials' data keys, as an app's configuration ({@code bigpicture.secrets})
 * names it: exactly one of a local master key and an AWS KMS key (see {@link KeyEncryptionKeys}).
 */
public interface SecretKeySettings {

    /** Base64 of a 32-byte AES key, for a trial or the local stack. */
    Optional<String> masterKey();

    /** An AWS KMS key's id, ARN or alias, in production. */
    Optional<String> kmsKeyId();

    /** The KMS key's region; by default the AWS SDK's region chain. */
    Optional<String> kmsRegion();

    /** Another KMS endpoint, e.g. an emulator. */
    Optional<URI> kmsEndpoint();

    default KeyEncryptionKey keyEncryptionKey() {
        return KeyEncryptionKeys.configured(masterKey(), kmsKeyId(), kmsRegion(), kmsEndpoint());
    }
}
