package io.bigpicture.warehouse;

/**
 * How one table's rows are cut into load files for the warehouse, as Redshift asks of compressed
 * files: a multiple of the cluster's slices, so that every slice reads the same amount, of about
 * equal size, each from {@code smallestFile} to {@code largestFile} compressed. A table too small
 * to give each slice a file of the smallest size goes in fewer files of at least that size: below
 * it, a slice spends more on opening files than reading them.
 *
 * @param slices       the cluster's slices (1 for PostgreSQL, which reads the files one by one)
 * @param smallestFile bytes
 * @param largestFile  bytes
 */
public record LoadFileSplit(int slices, long smallestFile, long largestFile) {

    public static final long SMALLEST_FILE = 1L << 20;
    public static final long LARGEST_FILE = 1L << 30;

    public LoadFileSplit {
        if (slices < 1) {
            throw new IllegalArgumentException("a cluster has at least one slice, not " + slices);
        }
        if (smallestFile < 1 || largestFile < smallestFile) {
            throw new IllegalArgumentException("load files of " + smallestFile + " to " + largestFile + " bytes");
        }
    }

    public static LoadFileSplit forSlices(int slices) {
        return new LoadFileSplit(slices, SMALLEST_FILE, LARGEST_FILE);
    }

    /** The files a table of {@code totalBytes} goes in. */
    public int files(long totalBytes) {
        long rounds = Math.max(1, ceilDiv(totalBytes, slices * largestFile));
        long files = rounds * slices;
        if (totalBytes / files < smallestFile) {
            files = Math.max(1, totalBytes / smallestFile);
        }
        return Math.toIntExact(files);
    }

    /**
     * Cuts a table's chunks, kept in their order, into {@link #files} of about equal size (within
     * a chunk). Never more files than chunks.
     *
     * @param chunkBytes each chunk's size; at least one
     * @return for each file, the index after its last chunk
     */
    public int[] ends(long[] chunkBytes) {
        if (chunkBytes.length == 0) {
            throw new IllegalArgumentException("a table's load has at least one chunk");
        }
        long total = 0;
        for (long bytes : chunkBytes) {
            total += bytes;
        }
        int files = Math.min(files(total), chunkBytes.length);
        int[] ends = new int[files];
        long written = 0;
        int chunk = 0;
        for (int file = 0; file < files - 1; file++) {
            long target = total * (file + 1) / files;
            int laterFiles = files - file - 1;
            written += chunkBytes[chunk++];
            while (chunk < chunkBytes.length - laterFiles && written < target) {
                written += chunkBytes[chunk++];
            }
            ends[file] = chunk;
        }
        ends[files - 1] = chunkBytes.length;
        return ends;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
