package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.StagingFile;
import java.io.IOException;

/**
 * A staging file that cannot be read as the stager wrote it (cut short, not gzip, not JSON): it
 * is set aside rather than fail every sync after it.
 */
final class DamagedStagingFile extends IOException {

    private final transient StagingFile file;

    DamagedStagingFile(StagingFile file, String reason, Throwable cause) {
        super("staging file " + file.objectKey() + " is damaged: " + reason, cause);
        this.file = file;
    }

    StagingFile file() {
        return file;
    }
}
