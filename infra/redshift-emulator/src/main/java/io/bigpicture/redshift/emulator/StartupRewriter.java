package io.bigpicture.redshift.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The connection's first packets, which carry no type byte. Encryption requests are refused ('N'):
 * the tests connect with {@code ssl=false}, and the driver then goes on in clear text. The
 * StartupMessage loses the parameters only Redshift knows, on which PostgreSQL would end the
 * connection with "unrecognized configuration parameter".
 */
final class StartupRewriter {

    static final int PROTOCOL_3 = 196608;
    static final int SSL_REQUEST = 80877103;
    static final int GSS_ENCRYPTION_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    /** What redshift-jdbc42 2.1 sends besides user, database, client_encoding and the like. */
    static final Set<String> REDSHIFT_ONLY_PARAMETERS = Set.of(
            "driver_version", "os_version", "client_protocol_version", "plugin_name");

    /**
     * The first packet PostgreSQL gets: a StartupMessage, or a CancelRequest (its key data came
     * from PostgreSQL through the emulator unchanged, so it is forwarded as it is).
     */
    record Opening(byte[] packet, boolean cancel, Map<String, String> parameters, Map<String, String> dropped) {

        /** The database the client asked for; PostgreSQL's default is the user's name. */
        String database() {
            return parameters.getOrDefault("database", parameters.getOrDefault("user", ""));
        }
    }

    private StartupRewriter() {
    }

    /** Answers encryption requests on {@code out} until the client sends its StartupMessage or a CancelRequest. */
    static Opening read(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            if (length < 8 || length > 10_000) {
                throw new IOException("startup packet of " + length + " bytes");
            }
            int code = in.readInt();
            byte[] rest = new byte[length - 8];
            in.readFully(rest);
            if (code == SSL_REQUEST || code == GSS_ENCRYPTION_REQUEST) {
                out.write('N');
                out.flush();
            } else if (code == CANCEL_REQUEST) {
                return new Opening(packet(code, rest), true, Map.of(), Map.of());
            } else if (code == PROTOCOL_3) {
                return startup(rest);
            } else {
                throw new IOException("unsupported protocol " + (code >>> 16) + "." + (code & 0xffff));
            }
        }
    }

    private static Opening startup(byte[] parameters) throws IOException {
        Map<String, String> kept = new LinkedHashMap<>();
        Map<String, String> dropped = new LinkedHashMap<>();
        PgMessage.Reader reader = new PgMessage.Reader(parameters);
        while (true) {
            String name = reader.string();
            if (name.isEmpty()) {
                break;
            }
            String value = reader.string();
            // _pq_.* are protocol extensions (the driver's _pq_.compression): PostgreSQL would answer
            // NegotiateProtocolVersion, which the driver does not expect
            if (REDSHIFT_ONLY_PARAMETERS.contains(name) || name.startsWith("_pq_.")) {
                dropped.put(name, value);
            } else {
                kept.put(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        kept.forEach((name, value) -> {
            body.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        });
        body.write(0);
        return new Opening(packet(PROTOCOL_3, body.toByteArray()), false, Map.copyOf(kept), dropped);
    }

    private static byte[] packet(int code, byte[] rest) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        PgMessage.writeInt(packet, rest.length + 8);
        PgMessage.writeInt(packet, code);
        packet.write(rest);
        return packet.toByteArray();
    }
}
