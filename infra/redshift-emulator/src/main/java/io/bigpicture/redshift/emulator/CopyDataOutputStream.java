package io.bigpicture.redshift.emulator;

import java.io.IOException;
import java.io.OutputStream;

/** Cuts the bytes written to it into CopyData messages; closing sends the rest but leaves the connection open. */
final class CopyDataOutputStream extends OutputStream {

    private static final int MESSAGE_BYTES = 1 << 16;

    private final OutputStream server;
    private final byte[] buffer = new byte[MESSAGE_BYTES];
    private int size;

    CopyDataOutputStream(OutputStream server) {
        this.server = server;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == buffer.length) {
            sendBuffer();
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (size == buffer.length) {
                sendBuffer();
            }
            int chunk = Math.min(length, buffer.length - size);
            System.arraycopy(bytes, offset, buffer, size, chunk);
            size += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public void close() throws IOException {
        sendBuffer();
    }

    private void sendBuffer() throws IOException {
        if (size == 0) {
            return;
        }
        server.write(PgMessage.Frontend.COPY_DATA);
        PgMessage.writeInt(server, size + 4);
        server.write(buffer, 0, size);
        size = 0;
    }
}
