package io.bigpicture.warehouse.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * The JDBC drivers' sockets, connected to the address {@link WarehouseAddresses} checked whatever
 * host the driver asks for: the driver keeps the host name (TLS checks the certificate against it)
 * but never looks it up again. Both drivers make it by its class name and give it the address as
 * their {@code socketFactoryArg}.
 */
public final class PinnedSocketFactory extends SocketFactory {

    /** The drivers' property naming the factory's class, and the one carrying its argument. */
    public static final String CLASS_PROPERTY = "socketFactory";
    public static final String ARGUMENT_PROPERTY = "socketFactoryArg";

    private final InetAddress address;

    /** @param address an IP address as {@link InetAddress#getHostAddress} writes it */
    public PinnedSocketFactory(String address) throws UnknownHostException {
        if (address == null || !IpLiteral.looksLikeOne(address)) {
            throw new UnknownHostException("not an IP address: " + address);
        }
        this.address = InetAddress.getByName(address);
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket(address);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(port);
    }

    private Socket connected(int port) throws IOException {
        Socket socket = new PinnedSocket(address);
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private static final class PinnedSocket extends Socket {
        private final InetAddress address;

        PinnedSocket(InetAddress address) {
            this.address = address;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            int port = ((InetSocketAddress) endpoint).getPort();
            super.connect(new InetSocketAddress(address, port), timeout);
        }
    }
}
