package io.bigpicture.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip files put together from chunks deflated one at a time, the way pigz does it: each chunk
 * is compressed on its own (no reference to the bytes before it) and ends on a byte boundary, so
 * any run of chunks, between a gzip header and a trailer that carries their combined CRC, is one
 * ordinary single-member gzip file. A load writes each table's rows as chunks with one
 * {@link Deflater} per thread, however many tables are open, and cuts the chunks into as many
 * files as the cluster wants without compressing anything twice.
 */
public final class ChunkedGzip {

    /**
     * Uncompressed bytes a chunk holds before it is compressed: a table's buffer per writer thread.
     * Deflate looks back at most 32 KiB, so larger chunks would compress hardly better.
     */
    public static final int CHUNK_BYTES = 32 * 1024;

    /** A compressed chunk where it was written, and what its uncompressed bytes were. */
    public record Chunk(long offset, int length, int rawLength, int crc) {
    }

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A last, empty block with fixed codes: bit 1 (final), bits 01 (fixed codes), the 7-bit end code. */
    private static final byte[] LAST_BLOCK = {3, 0};
    private static final int TRAILER_LENGTH = LAST_BLOCK.length + 8;

    private ChunkedGzip() {
    }

    /**
     * A deflater for {@link #deflate}: raw deflate at the fastest level (load files live minutes),
     * or stored blocks if not {@code compress}, for files read on this machine, where compressing
     * would cost more time than the disk it saves.
     */
    public static Deflater deflater(boolean compress) {
        return new Deflater(compress ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION, true);
    }

    /**
     * Compresses {@code raw[0, length)} into {@code out} as one chunk.
     *
     * @param offset  where in its file the chunk starts (what {@code out} has taken so far)
     * @param scratch the output buffer, reused between chunks
     */
    public static Chunk deflate(Deflater deflater, byte[] raw, int length, byte[] scratch, OutputStream out, long offset)
            throws IOException {
        deflater.reset();
        deflater.setInput(raw, 0, length);
        int compressed = 0;
        int written;
        // SYNC_FLUSH ends the chunk on a byte boundary with no final block, so that chunks can follow it
        do {
            written = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
            out.write(scratch, 0, written);
            compressed += written;
        } while (written == scratch.length);
        CRC32 crc = new CRC32();
        crc.update(raw, 0, length);
        return new Chunk(offset, compressed, length, (int) crc.getValue());
    }

    public static byte[] header() {
        return HEADER.clone();
    }

    /** The end of a file made of {@code chunks}, in their order: the last block, the CRC and the size. */
    public static byte[] trailer(List<Chunk> chunks) {
        Map<Integer, int[]> shifts = new HashMap<>();
        int crc = 0;
        long size = 0;
        for (Chunk chunk : chunks) {
            int[] shift = shifts.computeIfAbsent(chunk.rawLength(), ChunkedGzip::zeroesOperator);
            crc = times(shift, crc) ^ chunk.crc();
            size += chunk.rawLength();
        }
        byte[] trailer = new byte[TRAILER_LENGTH];
        System.arraycopy(LAST_BLOCK, 0, trailer, 0, LAST_BLOCK.length);
        putIntLittleEndian(trailer, LAST_BLOCK.length, crc);
        putIntLittleEndian(trailer, LAST_BLOCK.length + 4, (int) size);
        return trailer;
    }

    /** The bytes of a file made of {@code chunks}. */
    public static long fileLength(List<Chunk> chunks) {
        long length = HEADER.length + TRAILER_LENGTH;
        for (Chunk chunk : chunks) {
            length += chunk.length();
        }
        return length;
    }

    private static void putIntLittleEndian(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> 8 * i);
        }
    }

    /*
     * CRC-32 is linear over GF(2): crc(a ++ b) = crc(a) shifted through len(b) zero bytes, xor crc(b).
     * The shift is a 32x32 bit matrix (zlib's crc32_combine), built by squaring in log(len) steps;
     * chunks are mostly of one length, so a file needs it once or twice.
     */

    private static int[] zeroesOperator(int bytes) {
        int[] odd = new int[32];
        odd[0] = 0xedb88320;
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        // one zero bit, squared three times: one zero byte
        int[] power = square(square(square(odd)));
        int[] result = null;
        long bits = bytes;
        while (bits != 0) {
            if ((bits & 1) != 0) {
                result = result == null ? power : compose(power, result);
            }
            bits >>>= 1;
            if (bits != 0) {
                power = square(power);
            }
        }
        return result == null ? identity() : result;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static int[] square(int[] matrix) {
        return compose(matrix, matrix);
    }

    /** {@code outer} applied after {@code inner}. */
    private static int[] compose(int[] outer, int[] inner) {
        int[] result = new int[32];
        for (int n = 0; n < 32; n++) {
            result[n] = times(outer, inner[n]);
        }
        return result;
    }

    private static int[] identity() {
        int[] matrix = new int[32];
        for (int n = 0; n < 32; n++) {
            matrix[n] = 1 << n;
        }
        return matrix;
    }
}
