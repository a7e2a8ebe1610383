package io.bigpicture.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Write keys: 192 random bits, shown to a person once; the catalog keeps only their SHA-256. A
 * fast hash is right here: the key is random and long, so there is nothing to guess.
 */
public final class WriteKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 24;
    private static final String PREFIX = "bpk_";

    private WriteKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String writeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(writeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
