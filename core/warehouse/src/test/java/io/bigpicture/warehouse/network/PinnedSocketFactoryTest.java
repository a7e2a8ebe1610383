package io.bigpicture.warehouse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class PinnedSocketFactoryTest {

    @Test
    void theDriversSocketGoesToTheCheckedAddressWhateverHostItAsksFor() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PinnedSocketFactory factory = new PinnedSocketFactory(InetAddress.getLoopbackAddress().getHostAddress());

            try (Socket socket = factory.createSocket()) {
                // a name that no DNS answers: connecting must not look it up
                socket.connect(InetSocketAddress.createUnresolved("rebinding.example.invalid", server.getLocalPort()), 2000);
                assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
                assertThat(socket.getPort()).isEqualTo(server.getLocalPort());
            }
            try (Socket socket = factory.createSocket("rebinding.example.invalid", server.getLocalPort())) {
                assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            }
        }
    }

    @Test
    void itTakesOnlyAnAddressNeverANameToLookUp() {
        assertThatThrownBy(() -> new PinnedSocketFactory("internal.example.com")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> new PinnedSocketFactory(null)).isInstanceOf(UnknownHostException.class);
    }
}
