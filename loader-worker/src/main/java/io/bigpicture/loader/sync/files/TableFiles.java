package io.bigpicture.loader.sync.files;

import io.bigpicture.warehouse.LoadFileSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One table's load files, gzip CSV in the same column order, cut for the warehouse (see
 * {@link LoadFileSplit}), the id files of every writer thread that wrote some (if they were asked
 * for), and how many rows the files hold.
 */
public record TableFiles(String table, List<String> columns, List<SpooledGzip> files, List<Path> idPaths, long rows) {

    /** The table's files from what each writer thread wrote of it, its chunks cut into files as {@code split} says. */
    public static TableFiles of(List<LoadFiles.LoadFile> written, LoadFileSplit split) {
        List<ChunkSpool.SpooledChunk> chunks = written.stream().flatMap(file -> file.chunks().stream()).toList();
        int[] ends = split.ends(chunks.stream().mapToLong(chunk -> chunk.chunk().length()).toArray());
        List<SpooledGzip> files = new ArrayList<>();
        for (int file = 0, start = 0; file < ends.length; start = ends[file++]) {
            files.add(new SpooledGzip(chunks.subList(start, ends[file])));
        }
        return new TableFiles(written.get(0).table(), written.get(0).columns(), files,
                written.stream().flatMap(file -> file.ids().stream()).toList(), written.stream().mapToLong(LoadFiles.LoadFile::rows).sum());
    }
}
