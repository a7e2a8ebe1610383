package io.bigpicture.loader.sync.files;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a table's load files and their manifest are named where a warehouse reads them:
 * {@code tracks.0.csv.gz}, {@code tracks.1.csv.gz}... beside {@code tracks.manifest}, under the
 * run's prefix; and how a file's place is read back from the URL a warehouse names it by.
 */
public final class LoadFileNames {

    private static final String MANIFEST = "manifest";
    private static final Pattern LOAD_FILE = Pattern.compile("\\.(\\d+)\\.csv\\.gz$");

    private LoadFileNames() {
    }

    /** The name of the table's file at {@code index} in its manifest. */
    public static String file(String table, int index) {
        return table + "." + index + ".csv.gz";
    }

    public static String manifest(String table) {
        return table + "." + MANIFEST;
    }

    /** The start that the URLs of a manifest's files share, and no other table's: {@code s3://b/run/tracks.}. */
    public static String filesPrefix(String manifestUrl) {
        return manifestUrl.substring(0, manifestUrl.length() - MANIFEST.length());
    }

    /** The file's index in its manifest, from its URL; empty for a URL not named as a load file. */
    public static OptionalInt index(String fileUrl) {
        Matcher file = LOAD_FILE.matcher(fileUrl);
        return file.find() ? OptionalInt.of(Integer.parseInt(file.group(1))) : OptionalInt.empty();
    }
}
