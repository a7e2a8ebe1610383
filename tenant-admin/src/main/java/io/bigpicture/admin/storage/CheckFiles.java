package io.bigpicture.admin.storage;

import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.dialect.CopyFromS3;

/**
 * Where the connection check of a warehouse that reads load files from S3 puts its test file: a
 * gzip CSV file and the manifest that names it, in the warehouse's load files' bucket.
 */
public interface CheckFiles {

    /** The two objects of one check, as the warehouse's COPY reads them. */
    record CheckFile(String bucket, String fileKey, String manifestKey) {

        public String fileUrl() {
            return "s3://" + bucket + "/" + fileKey;
        }

        public String manifestUrl() {
            return "s3://" + bucket + "/" + manifestKey;
        }
    }

    /**
     * Puts the test file and its manifest, as the dialect writes manifests.
     *
     * @throws CheckFileException in words naming the fix when the bucket took neither
     */
    CheckFile put(Warehouse warehouse, String bucket, CopyFromS3 dialect);

    /** Both objects gone, or a failure logged. */
    void delete(CheckFile file);

    /** The test file could not be put; the message names the fix. */
    final class CheckFileException extends RuntimeException {
        public CheckFileException(String problem) {
            super(problem);
        }
    }
}
