package io.bigpicture.warehouse.dialect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigpicture.warehouse.network.TlsTrust;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's "warehouse" that takes the connection and never says a word: each kind gives up on it. */
class SilentServerTest {

    private static final SessionLimits LIMITS = new SessionLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void listenAndSayNothing() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept());
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void eachKindGivesUpOnAServerThatNeverAnswersInsteadOfWaitingForever() {
        Endpoint endpoint = new Endpoint("localhost", server.getLocalPort(), "dw", "loader", TlsMode.DISABLE);
        for (WarehouseKind kind : WarehouseKind.values()) {
            assertThatThrownBy(() -> kind.connector().connect(endpoint, InetAddress.getLoopbackAddress(), "secret", "test", LIMITS, TlsTrust.SYSTEM))
                    .as(kind.name()).isInstanceOf(SQLException.class);
        }
    }
}
