package io.bigpicture.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Which secret a ciphertext is: the tenant, the warehouse and the field it belongs to. It is the
 * associated data of the secret's AES-GCM and of its data key's wrapping (the KMS encryption
 * context), so a ciphertext copied into another row, another field or another tenant's warehouse
 * does not open there.
 */
public record SecretBinding(UUID tenantId, UUID warehouseId, Field field) {

    public enum Field {
        PASSWORD("password"), AWS_SECRET_ACCESS_KEY("aws-secret-access-key");

        private final String key;

        Field(String key) {
            this.key = key;
        }
    }

    static final String PURPOSE = "warehouse-secret";

    byte[] associatedData() {
        return ("bigpicture/" + PURPOSE + "/" + tenantId + "/" + warehouseId + "/" + field.key).getBytes(StandardCharsets.UTF_8);
    }

    /** AWS KMS's encryption context: logged in CloudTrail with every use of the key, so it names the secret. */
    Map<String, String> kmsContext() {
        return Map.of("bigpicture", PURPOSE, "tenant", tenantId.toString(), "warehouse", warehouseId.toString(), "field", field.key);
    }
}
