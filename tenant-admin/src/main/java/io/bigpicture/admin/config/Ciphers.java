package io.bigpicture.admin.config;

import io.bigpicture.catalog.SecretCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one cipher of the warehouse secrets, with the configured key encryption key. */
public class Ciphers {

    /** At start, so that an app without a key, or with two, does not start. */
    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(AdminConfig config) {
        return new SecretCipher(config.secrets().keyEncryptionKey());
    }
}
