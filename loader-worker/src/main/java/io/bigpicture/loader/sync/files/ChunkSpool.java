package io.bigpicture.loader.sync.files;

import io.bigpicture.warehouse.ChunkedGzip;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * One writer thread's file of compressed chunks, every table's one after another, with one
 * deflater: native memory per thread, not per open table. {@link SpooledGzip} puts a table's
 * chunks together into load files.
 */
final class ChunkSpool implements Closeable {

    /** A chunk and the spool file it is in. */
    record SpooledChunk(Path spool, ChunkedGzip.Chunk chunk) {
    }

    private final Path path;
    private final OutputStream out;
    private final Deflater deflater;
    private final byte[] scratch = new byte[ChunkedGzip.CHUNK_BYTES];
    private long written;
    private boolean finished;

    /** @param compress see {@link ChunkedGzip#deflater} */
    ChunkSpool(Path directory, boolean compress) {
        this.deflater = ChunkedGzip.deflater(compress);
        try {
            this.path = Files.createTempFile(directory, "chunks-", ".deflate");
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 65536);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SpooledChunk append(byte[] raw, int length) {
        try {
            ChunkedGzip.Chunk chunk = ChunkedGzip.deflate(deflater, raw, length, scratch, out, written);
            written += chunk.length();
            return new SpooledChunk(path, chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the writing: the chunks can be read from here on. */
    void finish() {
        if (!finished) {
            finished = true;
            deflater.end();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes the file. */
    @Override
    public void close() {
        finish();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
