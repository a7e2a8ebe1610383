package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SyncBatchTest {

    private static StagingFile file(long bytes) {
        return new StagingFile(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "staging/" + UUID.randomUUID(), 1, bytes,
                Instant.EPOCH, Instant.EPOCH, "{}", Instant.EPOCH);
    }

    @Property
    void aSyncTakesTheOldestFilesWithinItsBytesAndAtLeastOneAndSaysWhatIsLeft(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 1, max = 1000) Long> sizes,
            @ForAll @LongRange(min = 1, max = 5000) long maxBytes, @ForAll @IntRange(min = 0, max = 50) int morePending) {
        List<StagingFile> files = new ArrayList<>();
        sizes.forEach(size -> files.add(file(size)));
        long allBytes = sizes.stream().mapToLong(Long::longValue).sum() + morePending * 10L;

        SyncBatch batch = SyncBatch.take(files, files.size() + morePending, allBytes, maxBytes);

        assertThat(batch.files()).isNotEmpty().isEqualTo(files.subList(0, batch.files().size()));
        long taken = batch.files().stream().mapToLong(StagingFile::byteSize).sum();
        assertThat(taken <= maxBytes || batch.files().size() == 1).isTrue();
        if (batch.files().size() < files.size()) {
            assertThat(taken + files.get(batch.files().size()).byteSize()).as("the next file would not fit").isGreaterThan(maxBytes);
        }
        assertThat(batch.left()).isEqualTo(new SyncRun.Backlog(files.size() + morePending - batch.files().size(), allBytes - taken));
    }
}
