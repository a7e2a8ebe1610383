package io.bigpicture.warehouse.dialect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a warehouse session is encrypted and what is checked, named as libpq's {@code sslmode} names it. */
public enum TlsMode {
    /** In clear text: a warehouse on a private network that offers no TLS. */
    DISABLE("disable"),
    /** Encrypted, any certificate: a server with a self-signed one. Stops listeners, not an impostor. */
    REQUIRE("require"),
    /** Encrypted, a certificate from a CA we trust ({@link io.bigpicture.warehouse.network.TlsTrust}) for the host's name. */
    VERIFY_FULL("verify-full");

    private final String setting;

    TlsMode(String setting) {
        this.setting = setting;
    }

    /** As settings and the API write it: {@code disable}, {@code require}, {@code verify-full}. */
    public String setting() {
        return setting;
    }

    public static Optional<TlsMode> of(String setting) {
        return Arrays.stream(values()).filter(mode -> mode.setting.equals(setting.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The settings a person may choose from, for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(TlsMode::setting).collect(Collectors.joining(", "));
    }
}
