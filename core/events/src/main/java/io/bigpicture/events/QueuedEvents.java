package io.bigpicture.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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

    public static String encode(List<String> lines) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            for (String line : lines) {
                gzip.write(withLoneSurrogatesEscaped(line).getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory does not fail", e);
        }
        return Base64.getEncoder().encodeToString(compressed.toByteArray());
    }

    public static List<String> decode(String body) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(body.trim())))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a queued-events body: " + e.getMessage(), e);
        }
    }

    /**
     * Packs lines into encoded bodies of at most {@code maxBytes} each, in order, as they come.
     * Not thread-safe.
     */
    public static final class Packer {

        private final int maxBytes;
        private final int maxRawBytes;
        private final List<String> lines = new ArrayList<>();
        private int rawBytes;

        public Packer(int maxBytes) {
            this.maxBytes = maxBytes;
            this.maxRawBytes = maxBytes * RAW_BYTES_PER_ENCODED_BYTE;
        }

        /**
         * Adds a JSON line (without a newline); returns the bodies it sealed to make room, if any.
         * A line too large for a body on its own is refused: callers limit the size of an event.
         */
        public List<String> add(String line) {
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (lineBytes > maxBytes) {
                throw new IllegalArgumentException("an event of " + lineBytes + " bytes exceeds a queue message of " + maxBytes);
            }
            List<String> sealed = rawBytes + lineBytes > maxRawBytes ? drain() : List.of();
            lines.add(line);
            rawBytes += lineBytes;
            return sealed;
        }

        /** The bodies of what is open, leaving the packer empty. */
        public List<String> drain() {
            if (lines.isEmpty()) {
                return List.of();
            }
            List<String> bodies = new ArrayList<>(1);
            encodeWithin(List.copyOf(lines), bodies);
            lines.clear();
            rawBytes = 0;
            return bodies;
        }

        /** Halves a group whose body would be too large (text that compresses badly). */
        private void encodeWithin(List<String> group, List<String> bodies) {
            String body = encode(group);
            if (body.length() <= maxBytes || group.size() == 1) {
                bodies.add(body);
                return;
            }
            int half = group.size() / 2;
            encodeWithin(group.subList(0, half), bodies);
            encodeWithin(group.subList(half, group.size()), bodies);
        }
    }
}
