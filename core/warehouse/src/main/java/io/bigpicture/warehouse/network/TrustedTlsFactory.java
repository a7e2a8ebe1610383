package io.bigpicture.warehouse.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS sockets of {@code verify-full}, trusting what {@link TlsTrust} names. Both drivers make
 * one per connection from its class name ({@code sslfactory}) with the connection's properties, the
 * bundle's path being {@code sslfactoryarg}; they check the certificate's name against the
 * endpoint's host themselves, after the handshake.
 */
public final class TrustedTlsFactory extends SSLSocketFactory {

    public static final String CLASS_PROPERTY = "sslfactory";
    public static final String ARGUMENT_PROPERTY = "sslfactoryarg";

    /** One context per bundle for the process: the JVM's CAs and the bundle are read once. */
    private static final Map<String, SSLSocketFactory> BY_BUNDLE = new ConcurrentHashMap<>();

    private final SSLSocketFactory sockets;

    public TrustedTlsFactory(Properties properties) {
        this.sockets = BY_BUNDLE.computeIfAbsent(properties.getProperty(ARGUMENT_PROPERTY, ""), TrustedTlsFactory::trusting);
    }

    private static SSLSocketFactory trusting(String bundle) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            List<Certificate> authorities = new ArrayList<>(List.of(systemAuthorities()));
            if (!bundle.isEmpty()) {
                try (InputStream pem = Files.newInputStream(Path.of(bundle))) {
                    authorities.addAll(CertificateFactory.getInstance("X.509").generateCertificates(pem));
                }
            }
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException("the warehouse CA bundle " + bundle + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context trusting the system's CAs and " + bundle, e);
        }
    }

    private static X509Certificate[] systemAuthorities() throws GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        for (var manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return sockets.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return sockets.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return sockets.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return sockets.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return sockets.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return sockets.createSocket(address, port, localAddress, localPort);
    }
}
