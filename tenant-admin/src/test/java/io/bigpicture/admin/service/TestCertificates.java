package io.bigpicture.admin.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A certificate authority of our own and a server certificate it signed for {@code localhost}
 * (no IP address in it), made with the JDK's keytool: what a warehouse with TLS presents.
 *
 * @param authority the CA's certificate, PEM: the bundle a trusting client is given
 * @param serverCertificate the server's certificate, PEM
 * @param serverKey its private key, PEM (PKCS#8), readable by its owner only as PostgreSQL wants
 */
record TestCertificates(Path authority, Path serverCertificate, Path serverKey) {

    private static final String PASSWORD = "changeit";

    static TestCertificates makeIn(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Path ca = directory.resolve("ca.p12");
        Path server = directory.resolve("server.p12");
        keytool(null, "-genkeypair", "-keystore", ca.toString(), "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=bigPicture test CA", "-ext", "bc:c", "-validity", "2");
        keytool(null, "-genkeypair", "-keystore", server.toString(), "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-validity", "2");
        Path request = directory.resolve("server.csr");
        Files.write(request, keytool(null, "-certreq", "-keystore", server.toString(), "-alias", "server"));
        Path serverCertificate = directory.resolve("server.pem");
        Files.write(serverCertificate, keytool(request, "-gencert", "-keystore", ca.toString(), "-alias", "ca", "-rfc",
                "-ext", "san=dns:localhost", "-validity", "2"));
        Path authority = directory.resolve("ca.pem");
        Files.write(authority, keytool(null, "-exportcert", "-keystore", ca.toString(), "-alias", "ca", "-rfc"));
        Path serverKey = directory.resolve("server.key");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            store.load(in, PASSWORD.toCharArray());
        }
        byte[] key = store.getKey("server", PASSWORD.toCharArray()).getEncoded();
        Files.writeString(serverKey, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key)
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(serverKey, PosixFilePermissions.fromString("rw-------"));
        return new TestCertificates(authority, serverCertificate, serverKey);
    }

    private static byte[] keytool(Path input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process keytool = builder.start();
        byte[] output = keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed");
        }
        return output;
    }
}
