package io.bigpicture.loader.sync.files;

import io.bigpicture.warehouse.ChunkedGzip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One load file: a run of a table's chunks in the writer threads' spool files, read as a gzip
 * file (header, the chunks, trailer) without being written out as one.
 */
public final class SpooledGzip {

    private final List<ChunkSpool.SpooledChunk> chunks;
    private final byte[] trailer;

    SpooledGzip(List<ChunkSpool.SpooledChunk> chunks) {
        this.chunks = List.copyOf(chunks);
        this.trailer = ChunkedGzip.trailer(chunks.stream().map(ChunkSpool.SpooledChunk::chunk).toList());
    }

    /** Bytes of the gzip file. */
    public long length() {
        return ChunkedGzip.fileLength(chunks.stream().map(ChunkSpool.SpooledChunk::chunk).toList());
    }

    /** The gzip file's bytes, from the start; each call reads anew. */
    public InputStream open() {
        return new Reader();
    }

    private final class Reader extends InputStream {
        private final byte[] header = ChunkedGzip.header();
        private final Map<Path, FileChannel> channels = new HashMap<>();
        /** -1: the header; 0 to chunks - 1: a chunk; chunks: the trailer. */
        private int segment = -1;
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (segment <= chunks.size()) {
                long segmentLength = segment == -1 ? header.length : segment == chunks.size() ? trailer.length
                        : chunks.get(segment).chunk().length();
                if (position == segmentLength) {
                    segment++;
                    position = 0;
                    continue;
                }
                int wanted = (int) Math.min(length, segmentLength - position);
                int read;
                if (segment == -1 || segment == chunks.size()) {
                    System.arraycopy(segment == -1 ? header : trailer, (int) position, into, offset, wanted);
                    read = wanted;
                } else {
                    ChunkSpool.SpooledChunk chunk = chunks.get(segment);
                    read = channel(chunk.spool()).read(ByteBuffer.wrap(into, offset, wanted), chunk.chunk().offset() + position);
                    if (read < 0) {
                        throw new IOException("spool file " + chunk.spool() + " ends before its chunk at " + chunk.chunk().offset());
                    }
                }
                position += read;
                return read;
            }
            return -1;
        }

        private FileChannel channel(Path spool) throws IOException {
            FileChannel channel = channels.get(spool);
            if (channel == null) {
                channel = FileChannel.open(spool, StandardOpenOption.READ);
                channels.put(spool, channel);
            }
            return channel;
        }

        @Override
        public void close() throws IOException {
            for (FileChannel channel : channels.values()) {
                channel.close();
            }
            channels.clear();
        }
    }
}
