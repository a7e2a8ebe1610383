package io.bigpicture.admin.config;

import io.bigpicture.catalog.KeyEncryptionKey;
import io.bigpicture.catalog.KeyEncryptionKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "bigpicture")
public interface AdminConfig {

    Admin admin();

    Secrets secrets();

    Console console();

    interface Admin {
        /**
         * The operator's bearer token: every workspace, for the CLI and operations. People use
         * access tokens of the identity provider instead. No default: {@code ./bigpicture up}
         * makes one under {@code .bigpicture/}.
         */
        String token();

        /**
         * An invitation goes to whoever signs in with its address only if the identity provider
         * verified that address; otherwise anyone could register with it first. Off only where
         * no mail can be sent to verify addresses (the local stack).
         */
        @WithDefault("true")
        boolean invitationsNeedVerifiedEmail();

        /** After a rotation, old write keys keep working this long. */
        @WithDefault("24h")
        Duration writeKeyGracePeriod();
    }

    interface Console {
        /** The tracking API as the console's snippets show it to people. */
        @WithDefault("http://localhost:8081")
        String ingestUrl();

        /** The addresses the loader connects to warehouses from, for their firewalls. */
        @WithDefault("127.0.0.1")
        List<String> loaderAddresses();
    }

    /** What wraps the warehouse credentials' data keys: exactly one of the two keys (see KeyEncryptionKeys). */
    interface Secrets {
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
}
