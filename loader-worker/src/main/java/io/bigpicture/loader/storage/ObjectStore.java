package io.bigpicture.loader.storage;

import io.bigpicture.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The bucket for staging files: written whole from a local file, read as a stream. */
@ApplicationScoped
public class ObjectStore {

    @Inject
    S3Client s3;

    @Inject
    LoaderConfig config;

    public void put(String key, Path file) {
        s3.putObject(request -> request.bucket(config.storage().bucket()).key(key), RequestBody.fromFile(file));
    }

    public InputStream open(String key) {
        return s3.getObject(request -> request.bucket(config.storage().bucket()).key(key));
    }
}
