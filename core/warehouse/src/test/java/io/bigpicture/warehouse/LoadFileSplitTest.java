package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LoadFileSplitTest {

    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;

    @Test
    void aTableGoesInAMultipleOfTheSlicesOfOneMegabyteToOneGigabyte() {
        LoadFileSplit split = LoadFileSplit.forSlices(4);

        assertThat(split.files(10 * GB)).as("10 GB: three rounds of 4 files under 1 GB").isEqualTo(12);
        assertThat(split.files(4 * GB)).isEqualTo(4);
        assertThat(split.files(5 * MB)).as("a file per slice, each above 1 MB").isEqualTo(4);
        assertThat(split.files(3 * MB + MB / 2)).as("too small for every slice: 1 MB files").isEqualTo(3);
        assertThat(split.files(100_000)).isEqualTo(1);
        assertThat(LoadFileSplit.forSlices(1).files(3 * GB)).as("PostgreSQL").isEqualTo(3);
    }

    @Test
    void chunksAreCutIntoFilesOfAboutEqualSize() {
        long[] chunks = new long[100];
        Arrays.fill(chunks, 100);

        int[] ends = new LoadFileSplit(4, 1000, 1_000_000).ends(chunks);

        assertThat(ends).containsExactly(25, 50, 75, 100);
    }

    @Test
    void neverMoreFilesThanChunks() {
        assertThat(new LoadFileSplit(8, 1, 1000).ends(new long[] {500, 500, 500})).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new LoadFileSplit(0, 1, 1)).hasMessageContaining("at least one slice");
    }

    @Property(tries = 500)
    void everyChunkGoesInOneFileInOrderAndFilesAreEven(@ForAll @Size(min = 1, max = 300) List<@LongRange(min = 1, max = 5000) Long> sizes,
                                                       @ForAll @IntRange(min = 1, max = 32) int slices,
                                                       @ForAll @LongRange(min = 1, max = 20_000) long smallest) {
        long[] chunks = sizes.stream().mapToLong(Long::longValue).toArray();
        long total = Arrays.stream(chunks).sum();
        long largestChunk = Arrays.stream(chunks).max().orElseThrow();
        LoadFileSplit split = new LoadFileSplit(slices, smallest, 200_000);

        int[] ends = split.ends(chunks);

        assertThat(ends[ends.length - 1]).isEqualTo(chunks.length);
        long[] fileSizes = new long[ends.length];
        for (int file = 0, chunk = 0; file < ends.length; file++) {
            assertThat(ends[file]).as("file %d has a chunk", file).isGreaterThan(chunk);
            for (; chunk < ends[file]; chunk++) {
                fileSizes[file] += chunks[chunk];
            }
        }
        if (chunks.length >= split.files(total)) {
            assertThat(ends).hasSize(split.files(total));
            if (total >= slices * smallest) {
                assertThat(ends.length % slices).as("a multiple of the slices").isZero();
            }
            for (int file = 0; file < ends.length - 1; file++) {
                assertThat(Math.abs(fileSizes[file] - total / ends.length)).as("file %d of %s", file, Arrays.toString(fileSizes))
                        .isLessThanOrEqualTo(largestChunk);
            }
        }
        assertThat(Arrays.stream(fileSizes).max().orElseThrow()).isLessThanOrEqualTo(Math.max(200_000, total / ends.length) + ends.length * largestChunk);
    }
}
