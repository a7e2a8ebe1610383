package io.bigpicture.redshift.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One message of the PostgreSQL v3 protocol after startup: its type byte and its body (the
 * length is implied). The same letter means different messages in each direction, hence the two
 * groups of constants.
 */
record PgMessage(char type, byte[] body) {

    /** Sent by the client. */
    static final class Frontend {
        static final char QUERY = 'Q';
        static final char PARSE = 'P';
        static final char BIND = 'B';
        static final char EXECUTE = 'E';
        static final char CLOSE = 'C';
        static final char SYNC = 'S';
        static final char FUNCTION_CALL = 'F';
        static final char TERMINATE = 'X';
        static final char COPY_DATA = 'd';
        static final char COPY_DONE = 'c';
        static final char COPY_FAIL = 'f';

        private Frontend() {
        }
    }

    /** Sent by the server. */
    static final class Backend {
        static final char ERROR_RESPONSE = 'E';
        static final char READY_FOR_QUERY = 'Z';
        static final char COPY_IN_RESPONSE = 'G';
        static final char NOTICE_RESPONSE = 'N';
        static final char COMMAND_COMPLETE = 'C';

        private Backend() {
        }
    }

    /** The next message, or null at the end of the stream. */
    static PgMessage read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException cut) {
            return null;
        }
        if (length < 4) {
            throw new IOException("message '" + (char) type + "' with length " + length);
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new PgMessage((char) type, body);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(type);
        writeInt(out, body.length + 4);
        out.write(body);
    }

    /** For tracing: the type and the body with control bytes shown as dots. */
    @Override
    public String toString() {
        return type + " " + new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", ".");
    }

    Reader reader() {
        return new Reader(body);
    }

    static Builder builder(char type) {
        return new Builder(type);
    }

    static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** Reads the fields of a body in order. Strings are UTF-8: the driver sets client_encoding so. */
    static final class Reader {

        private final byte[] body;
        private int at;

        Reader(byte[] body) {
            this.body = body;
        }

        String string() {
            int end = at;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            String value = new String(body, at, end - at, StandardCharsets.UTF_8);
            at = Math.min(end + 1, body.length);
            return value;
        }

        int int16() {
            int value = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
            at += 2;
            return value;
        }

        int int32() {
            int value = ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8) | (body[at + 3] & 0xff);
            at += 4;
            return value;
        }

        byte byte1() {
            return body[at++];
        }
    }

    /** Writes the fields of a body in order. */
    static final class Builder {

        private final char type;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private Builder(char type) {
            this.type = type;
        }

        Builder string(String value) {
            body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            return this;
        }

        Builder int16(int value) {
            body.write(value >>> 8);
            body.write(value);
            return this;
        }

        Builder int32(int value) {
            int16(value >>> 16);
            return int16(value & 0xffff);
        }

        PgMessage build() {
            return new PgMessage(type, body.toByteArray());
        }
    }
}
