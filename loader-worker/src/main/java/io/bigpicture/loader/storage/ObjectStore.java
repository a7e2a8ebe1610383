package io.bigpicture.loader.storage;

import io.bigpicture.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** S3: staging files in our bucket, load files in the warehouse's; written whole, read as a stream. */
@ApplicationScoped
public class ObjectStore {

    @Inject
    S3Client s3;

    @Inject
    LoaderConfig config;

    public void put(String key, Path file) {
        s3.putObject(request -> request.bucket(config.storage().bucket()).key(key), RequestBody.fromFile(file));
    }

    /**
     * @param content opens the object's bytes from the start, again if the SDK retries
     * @return the object's {@code s3://} URL
     */
    public String put(String bucket, String key, long length, Supplier<InputStream> content) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromContentProvider(content::get, length, "application/gzip"));
        return "s3://" + bucket + "/" + key;
    }

    /** @return the object's {@code s3://} URL */
    public String put(String bucket, String key, String text) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(text));
        return "s3://" + bucket + "/" + key;
    }

    /** Copies, then deletes: the object is at {@code to} before it leaves {@code from}. */
    public void move(String from, String to) {
        String bucket = config.storage().bucket();
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        s3.deleteObject(request -> request.bucket(bucket).key(from));
    }

    public InputStream open(String key) {
        return s3.getObject(request -> request.bucket(config.storage().bucket()).key(key));
    }

    public String defaultBucket() {
        return config.storage().bucket();
    }
}
