package io.bigpicture.loader.sync.run;

import io.bigpicture.loader.sync.files.SpooledGzip;
import io.bigpicture.local.AwsClients;
import io.bigpicture.local.LocalStack;
import io.bigpicture.testing.LocalStackResource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Load files on the test stack's S3, as the worker keeps them. */
final class S3LoadFileStore implements WarehouseLoad.LoadFileStore {

    private final String prefix;

    S3LoadFileStore(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String put(String name, SpooledGzip file) {
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            s3.putObject(b -> b.bucket(LocalStack.BUCKET).key(prefix + name), RequestBody.fromContentProvider(file::open, file.length(), "application/gzip"));
        }
        return "s3://" + LocalStack.BUCKET + "/" + prefix + name;
    }

    @Override
    public String put(String name, String text) {
        try (S3Client s3 = AwsClients.s3(LocalStackResource.stack().s3Endpoint())) {
            s3.putObject(b -> b.bucket(LocalStack.BUCKET).key(prefix + name), RequestBody.fromString(text));
        }
        return "s3://" + LocalStack.BUCKET + "/" + prefix + name;
    }
}
