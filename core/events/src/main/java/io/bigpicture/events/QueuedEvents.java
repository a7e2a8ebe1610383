package io.bigpicture.events;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * The body of an {@code events} queue message: enriched messages of one source, one JSON per
 * line, gzip-compressed and base64-encoded (SQS carries text). Compression lets one message hold
 * several times more events: fewer, cheaper queue requests per event.
 */
public final class QueuedEvents {

    /** The queue message attributes that say whose events a message holds, set by the tracking API only. */
    public static final String TENANT_ATTRIBUTE = "tenantId";
    public static final String SOURCE_ATTRIBUTE = "sourceId";
    /** Set on messages that hold something other than events to stage, e.g. {@link RejectNotice#QUEUE_KIND}. */
    public static final String KIND_ATTRIBUTE = "kind";

    /** Raw bytes gathered before a body is compressed; JSON events shrink four- to tenfold. */
    static final int RAW_BYTES_PER_ENCODED_BYTE = 3;

    private QueuedEvents() {
    }

    /**
     * JSON text whose lone surrogates (legal in a JSON string, not in UTF-8, which would turn each
     * into {@code ?}) are written as {@code \\uXXXX} escapes, which mean the same: the loader then
     * sees what was sent, and says what it makes of it. Jackson writes them only inside strings.
     */
    static String withLoneSurrogatesEscaped(String json) {
        int length = json.length();
        int i = 0;
        while (i < length && !isLoneSurrogateAt(json, i)) {
            i += Character.isHighSurrogate(json.charAt(i)) ? 2 : 1;
        }
        if (i >= length) {
            return json;
        }
        StringBuilder escaped = new StringBuilder(length + 12).append(json, 0, i);
        while (i < length) {
            char c = json.charAt(i);
            if (isLoneSurrogateAt(json, i)) {
                escaped.append(String.format("\\u%04x", (int) c));
                i++;
            } else if (Character.isHighSurrogate(c)) {
                escaped.append(c).append(json.charAt(i + 1));
                i += 2;
            } else {
                escaped.append(c);
                i++;
            }
        }
        return escaped.toString();
    }

    private static boolean isLoneSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }

    /**
     * Writes an enriched message's body as its queued line: UTF-8 JSON straight from the tree, a
     * pair of surrogates as the character's four bytes, a lone surrogate (legal in JSON, not in
     * UTF-8) as its {@code \\uXXXX} escape, which means the same.
     */
    public static ObjectWriter lineWriter(ObjectMapper json) {
        return json.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /** The body of these JSON lines (lone surrogates escaped, see {@link #withLoneSurrogatesEscaped}). */
    public static String encode(List<String> lines) {
        return encodeUtf8(lines.stream().map(line -> withLoneSurrogatesEscaped(line).getBytes(StandardCharsets.UTF_8)).toList());
    }

    /**
     * One deflater per thread (the tracking API's event loops), used again for every body rather
     * than a new one with its native memory each time; not one per source, which would hold that
     * memory for every source an instance has seen.
     */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    /** The body of these lines, UTF-8 JSON without a newline each: gzip (written here, see {@link #DEFLATERS}), base64. */
    public static String encodeUtf8(List<byte[]> lines) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        CRC32 crc = new CRC32();
        long size = 0;
        int raw = lines.stream().mapToInt(line -> line.length + 1).sum();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, raw / 3));
        compressed.write(GZIP_HEADER, 0, GZIP_HEADER.length);
        byte[] buffer = new byte[8192];
        for (byte[] line : lines) {
            crc.update(line);
            crc.update('\n');
            size += line.length + 1;
            deflate(deflater, line, buffer, compressed);
            deflate(deflater, NEWLINE, buffer, compressed);
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        writeLittleEndian(compressed, (int) crc.getValue());
        writeLittleEndian(compressed, (int) size);
        return Base64.getEncoder().encodeToString(compressed.toByteArray());
    }

    /** A member of ID1 ID2, deflate, no flags, no time, no extra flags, unknown OS (RFC 1952). */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] NEWLINE = {'\n'};

    private static void deflate(Deflater deflater, byte[] input, byte[] buffer, ByteArrayOutputStream out) {
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    public static List<String> decode(String body) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(body.trim())))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a queued-events body: " + e.getMessage(), e);
        }
    }

    /**
     * The bodies of a group of lines, UTF-8 JSON without a newline each: one, or more of at most
     * {@code maxBytes} each where text compresses badly (the group halved until each fits).
     */
    public static List<String> bodies(List<byte[]> group, int maxBytes) {
        List<String> bodies = new ArrayList<>(1);
        encodeWithin(group, maxBytes, bodies);
        return bodies;
    }

    private static void encodeWithin(List<byte[]> group, int maxBytes, List<String> bodies) {
        String body = encodeUtf8(group);
        if (body.length() <= maxBytes || group.size() == 1) {
            bodies.add(body);
            return;
        }
        int half = group.size() / 2;
        encodeWithin(group.subList(0, half), maxBytes, bodies);
        encodeWithin(group.subList(half, group.size()), maxBytes, bodies);
    }

    /**
     * Groups lines, UTF-8 JSON without a newline, in order as they come, into what one body of at
     * most {@code maxBytes} holds once compressed ({@link #bodies}). Grouping is cheap and done
     * under its owner's lock; compressing is not, and is done outside it. Not thread-safe.
     */
    public static final class Packer {

        private final int maxBytes;
        private final int maxRawBytes;
        private List<byte[]> lines = new ArrayList<>();
        private int rawBytes;

        public Packer(int maxBytes) {
            this.maxBytes = maxBytes;
            this.maxRawBytes = maxBytes * RAW_BYTES_PER_ENCODED_BYTE;
        }

        /**
         * Adds a line; returns the group it sealed to make room, or an empty list. A line too large
         * for a body on its own is refused: callers limit the size of an event.
         */
        public List<byte[]> add(byte[] line) {
            int lineBytes = line.length + 1;
            if (lineBytes > maxBytes) {
                throw new IllegalArgumentException("an event of " + lineBytes + " bytes exceeds a queue message of " + maxBytes);
            }
            List<byte[]> sealed = rawBytes + lineBytes > maxRawBytes ? drain() : List.of();
            lines.add(line);
            rawBytes += lineBytes;
            return sealed;
        }

        /** The open group, leaving the packer empty. */
        public List<byte[]> drain() {
            List<byte[]> group = lines;
            lines = new ArrayList<>();
            rawBytes = 0;
            return group;
        }

        public int maxBytes() {
            return maxBytes;
        }
    }
}
