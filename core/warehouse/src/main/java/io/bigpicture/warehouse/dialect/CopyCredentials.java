package io.bigpicture.warehouse.dialect;

/** How Redshift's COPY reads the load files: the cluster's IAM role, or access keys. */
public sealed interface CopyCredentials {

    record IamRole(String arn) implements CopyCredentials {
    }

    record AccessKeys(String accessKeyId, String secretAccessKey) implements CopyCredentials {
        /** Never the secret. */
        @Override
        public String toString() {
            return "AccessKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }
}
