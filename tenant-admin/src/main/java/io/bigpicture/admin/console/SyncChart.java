package io.bigpicture.admin.console;

import io.bigpicture.admin.api.SyncApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows loaded per sync over time, as bars of an inline SVG: the oldest sync on the left, each
 * bar's height its rows against the largest sync shown. No script, no chart library.
 */
public record SyncChart(List<Bar> bars, long maxRows) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 120;

    /** One sync: where its bar stands and what its tooltip says. */
    public record Bar(int x, int y, int width, int height, String label) {
    }

    /** @param newestFirst as the sync history lists them */
    public static SyncChart of(List<SyncApi.JobView> newestFirst) {
        List<SyncApi.JobView> jobs = new ArrayList<>(newestFirst);
        Collections.reverse(jobs);
        long max = Math.max(1, jobs.stream().mapToLong(SyncChart::rows).max().orElse(0));
        int slot = jobs.isEmpty() ? WIDTH : WIDTH / jobs.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            long rows = rows(jobs.get(i));
            int height = (int) Math.round((double) rows / max * (HEIGHT - 10));
            bars.add(new Bar(i * slot + 2, HEIGHT - height, Math.max(1, slot - 4), height,
                    jobs.get(i).createdAt() + ": " + rows + " rows, " + jobs.get(i).status()));
        }
        return new SyncChart(bars, max);
    }

    /** The rows of a job's last run: earlier runs failed and were redone. */
    private static long rows(SyncApi.JobView job) {
        if (job.runs().isEmpty()) {
            return 0;
        }
        Long rows = job.runs().get(job.runs().size() - 1).rowsLoaded();
        return rows == null ? 0 : rows;
    }
}
