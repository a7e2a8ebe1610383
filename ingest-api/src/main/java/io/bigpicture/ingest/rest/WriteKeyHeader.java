package io.bigpicture.ingest.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The write key in HTTP Basic auth: the user name, with an empty password. */
final class WriteKeyHeader {

    private WriteKeyHeader() {
    }

    static Optional<String> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            String user = colon < 0 ? credentials : credentials.substring(0, colon);
            return user.isEmpty() ? Optional.empty() : Optional.of(user);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
