package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkedGzipTest {

    /** Chunks written one after another into one buffer, as a writer thread's spool file holds them. */
    private static final class Spool {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Deflater deflater;
        final byte[] scratch = new byte[512];

        Spool() {
            this(true);
        }

        Spool(boolean compress) {
            deflater = ChunkedGzip.deflater(compress);
        }

        ChunkedGzip.Chunk add(byte[] raw) throws IOException {
            return ChunkedGzip.deflate(deflater, raw, raw.length, scratch, out, out.size());
        }

        byte[] file(List<ChunkedGzip.Chunk> chunks) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(ChunkedGzip.header());
            byte[] all = out.toByteArray();
            for (ChunkedGzip.Chunk chunk : chunks) {
                file.write(all, (int) chunk.offset(), chunk.length());
            }
            file.writeBytes(ChunkedGzip.trailer(chunks));
            assertThat((long) file.size()).isEqualTo(ChunkedGzip.fileLength(chunks));
            return file.toByteArray();
        }
    }

    @Property(tries = 200)
    void anyRunOfChunksIsOneGzipFileOfTheirBytes(@ForAll @Size(min = 1, max = 12) List<@Size(max = 3000) List<@IntRange(min = 0, max = 40) Integer>> pieces,
                                                  @ForAll @IntRange(min = 0, max = 11) int from, @ForAll boolean compress) throws IOException {
        Spool spool = new Spool(compress);
        List<ChunkedGzip.Chunk> chunks = new ArrayList<>();
        List<byte[]> raws = new ArrayList<>();
        for (List<Integer> piece : pieces) {
            // a small alphabet, so that deflate finds repeats to refer back to
            byte[] raw = new byte[piece.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) ('a' + piece.get(i));
            }
            raws.add(raw);
            chunks.add(spool.add(raw));
        }
        int start = Math.min(from, chunks.size() - 1);

        byte[] file = spool.file(chunks.subList(start, chunks.size()));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        raws.subList(start, raws.size()).forEach(expected::writeBytes);
        assertThat(gunzip(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void chunksOfTwoTablesWrittenInTurnMakeTwoFiles() throws IOException {
        Spool spool = new Spool();
        List<ChunkedGzip.Chunk> orders = new ArrayList<>();
        List<ChunkedGzip.Chunk> pages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(spool.add(("\"order " + i + "\",\"9.5\"\n").repeat(900).getBytes(StandardCharsets.UTF_8)));
            pages.add(spool.add(("\"/home\",\"" + i + "\"\n").repeat(700).getBytes(StandardCharsets.UTF_8)));
        }

        String ordersFile = new String(gunzip(spool.file(orders)), StandardCharsets.UTF_8);

        assertThat(ordersFile.lines()).hasSize(5 * 900).allMatch(line -> line.startsWith("\"order "));
        assertThat(new String(gunzip(spool.file(pages.subList(2, 4))), StandardCharsets.UTF_8).lines())
                .hasSize(2 * 700).first().isEqualTo("\"/home\",\"2\"");
        assertThat(spool.out.size()).as("compressed").isLessThan(5 * 900 * 14 / 10);
    }

    /** The file is read by gzip itself, not only by Java: what COPY reads must be plain gzip. */
    @Test
    void gzipTestsTheFileWithoutComplaint() throws Exception {
        Spool spool = new Spool();
        List<ChunkedGzip.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chunks.add(spool.add(("line " + i + "\n").repeat(10_000).getBytes(StandardCharsets.UTF_8)));
        }
        Path file = Files.createTempFile("chunked-", ".csv.gz");
        try {
            Files.write(file, spool.file(chunks));
            Process gzip = new ProcessBuilder("gzip", "-t", "-v", file.toString()).redirectErrorStream(true).start();
            String said = new String(gzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gzip.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gzip.exitValue()).as(said).isZero();
            assertThat(said).contains("OK");
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] gunzip(byte[] file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
