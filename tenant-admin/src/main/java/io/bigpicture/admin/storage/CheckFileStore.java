package io.bigpicture.admin.storage;

import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.WarehouseSetup;
import io.bigpicture.warehouse.dialect.CopyFromS3;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The connection check's test files in S3, where the loader puts its load files
 * ({@code load/<workspace>/<warehouse>/check/}), deleted once the warehouse's COPY has read them.
 */
@ApplicationScoped
public class CheckFileStore implements CheckFiles {

    private static final Logger LOG = Logger.getLogger(CheckFileStore.class);

    @Inject
    S3Client s3;

    /** The test file holds the lines of {@link WarehouseSetup#COPY_CHECK_LINES}. */
    @Override
    public CheckFile put(Warehouse warehouse, String bucket, CopyFromS3 dialect) {
        String prefix = "load/" + warehouse.tenantId() + "/" + warehouse.id() + "/check/" + UUID.randomUUID();
        CheckFile file = new CheckFile(bucket, prefix + ".csv.gz", prefix + ".manifest");
        String manifest = dialect.manifest(List.of(file.fileUrl()));
        try {
            s3.putObject(request -> request.bucket(bucket).key(file.fileKey()).contentType("application/gzip"),
                    RequestBody.fromBytes(gzip(String.join("\n", WarehouseSetup.COPY_CHECK_LINES) + "\n")));
        } catch (SdkException failed) {
            throw new CheckFileException(putProblem(file, failed));
        }
        try {
            s3.putObject(request -> request.bucket(bucket).key(file.manifestKey()).contentType("application/json"),
                    RequestBody.fromString(manifest));
        } catch (SdkException failed) {
            delete(file);
            throw new CheckFileException(putProblem(file, failed));
        }
        return file;
    }

    /** A failure is logged only: the bucket's lifecycle rule removes load files after a few days. */
    @Override
    public void delete(CheckFile file) {
        for (String key : List.of(file.fileKey(), file.manifestKey())) {
            try {
                s3.deleteObject(request -> request.bucket(file.bucket()).key(key));
            } catch (SdkException failed) {
                LOG.warnf("could not delete the connection check's test file s3://%s/%s: %s", file.bucket(), key, failed.getMessage());
            }
        }
    }

    /**
     * A bucket that does not exist is the warehouse settings' to fix; anything else (refused,
     * unreachable) is on bigPicture's side: tenant-admin writes where the loader writes.
     */
    static String putProblem(CheckFile file, SdkException failed) {
        String code = failed instanceof S3Exception answered && answered.awsErrorDetails() != null
                ? answered.awsErrorDetails().errorCode() : null;
        if ("NoSuchBucket".equals(code)) {
            return "there is no bucket " + file.bucket() + ": check the load files' bucket (its name and region) in the warehouse settings.";
        }
        String why = failed instanceof S3Exception answered && answered.awsErrorDetails() != null
                ? answered.awsErrorDetails().errorCode() + ": " + answered.awsErrorDetails().errorMessage() : failed.getMessage();
        return "bigPicture could not write its test file " + file.fileUrl() + " (" + why + "). This is ours to fix, not your"
                + " cluster's: try again later. If " + file.bucket() + " is not the bucket bigPicture gave you for load files, correct"
                + " the bucket in the warehouse settings.";
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }
}
