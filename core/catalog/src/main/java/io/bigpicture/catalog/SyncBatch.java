package io.bigpicture.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a source's staged backlog that one sync takes: its files oldest first, at most
 * {@code maxBytes} of them (always at least one, however big), and what it leaves for the next.
 * So a week of backlog catches up in bounded steps.
 */
public record SyncBatch(List<StagingFile> files, SyncRun.Backlog left) {

    /**
     * @param oldestFirst   the pending files a sync may take, at most its file limit
     * @param pendingFiles  all pending files of the source for the warehouse
     * @param pendingBytes  their bytes
     */
    public static SyncBatch take(List<StagingFile> oldestFirst, long pendingFiles, long pendingBytes, long maxBytes) {
        List<StagingFile> taken = new ArrayList<>();
        long bytes = 0;
        for (StagingFile file : oldestFirst) {
            if (!taken.isEmpty() && bytes + file.byteSize() > maxBytes) {
                break;
            }
            taken.add(file);
            bytes += file.byteSize();
        }
        return new SyncBatch(List.copyOf(taken), new SyncRun.Backlog((int) (pendingFiles - taken.size()), pendingBytes - bytes));
    }
}
