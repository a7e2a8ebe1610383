package io.bigpicture.admin.config;

import io.bigpicture.catalog.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one cipher of the warehouse secrets, from the configured master key. */
public class Ciphers {

    @Produces
    @Singleton
    SecretCipher secretCipher(AdminConfig config) {
        return SecretCipher.fromBase64(config.secrets().masterKey());
    }
}
