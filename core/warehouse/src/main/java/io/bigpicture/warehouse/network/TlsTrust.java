package io.bigpicture.warehouse.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.Properties;

/**
 * Whose certificates a warehouse session in {@code verify-full} accepts: the CAs the JVM trusts
 * (the system's, which sign Redshift's certificates) and those of an optional PEM bundle, such as
 * Amazon RDS's, which no system trusts. {@link TrustedTlsFactory} makes the sockets.
 *
 * @param caBundle a PEM file of CA certificates, read once per process
 */
public record TlsTrust(Optional<Path> caBundle) {

    /** The system's CAs only. */
    public static final TlsTrust SYSTEM = new TlsTrust(Optional.empty());

    /** @throws IllegalArgumentException when the bundle holds no certificate, so that a wrong path stops the app at start */
    public TlsTrust {
        caBundle.ifPresent(TlsTrust::requireCertificates);
    }

    /** Has the driver make its TLS sockets with {@link TrustedTlsFactory} (both drivers take the same two settings). */
    public void verifyWith(Properties properties) {
        properties.setProperty(TrustedTlsFactory.CLASS_PROPERTY, TrustedTlsFactory.class.getName());
        properties.setProperty(TrustedTlsFactory.ARGUMENT_PROPERTY, caBundle.map(Path::toString).orElse(""));
    }

    private static void requireCertificates(Path bundle) {
        try (InputStream pem = Files.newInputStream(bundle)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(pem).isEmpty()) {
                throw new IllegalArgumentException("the warehouse CA bundle " + bundle + " holds no certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the warehouse CA bundle " + bundle + " cannot be read: " + e.getMessage(), e);
        }
    }
}
