package io.bigpicture.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Warehouse secrets wrapped by a key in AWS KMS, against moto's KMS. */
class AwsKmsKeyEncryptionKeyTest {

    private static final SecretBinding BINDING = new SecretBinding(UUID.randomUUID(), UUID.randomUUID(), SecretBinding.Field.PASSWORD);

    private static MotoServer moto;
    private static KmsClient kms;
    private static String keyId;

    @BeforeAll
    static void startKms() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("moto.log");
        moto = MotoServer.start(log);
        // the default credentials chain, as on a pod; moto takes any
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        kms = KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        keyId = kms.createKey(request -> request.description("bigpicture secrets")).keyMetadata().keyId();
        kms.createAlias(request -> request.aliasName("alias/bigpicture-secrets").targetKeyId(keyId));
    }

    @AfterAll
    static void stopKms() throws Exception {
        kms.close();
        moto.close();
    }

    private static SecretCipher cipherWith(String kmsKeyId) {
        return new SecretCipher(KeyEncryptionKeys.configured(Optional.empty(), Optional.of(kmsKeyId), Optional.of("us-east-1"),
                Optional.of(moto.endpoint())));
    }

    @Test
    void aSecretWrappedByAKmsKeyOpensWithItAndIsNotInTheStoredForm() {
        SecretCipher cipher = cipherWith("alias/bigpicture-secrets");

        byte[] stored = cipher.encrypt("pa$$wörd-in-kms", BINDING);

        assertThat(stored[0]).as("format: wrapped by KMS, bound").isEqualTo((byte) (2 | SecretCipher.BOUND));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("pa$$wörd-in-kms");
        assertThat(cipher.decrypt(stored, BINDING)).isEqualTo("pa$$wörd-in-kms");
        assertThat(cipherWith(keyId).decrypt(stored, BINDING)).as("the same key by its id").isEqualTo("pa$$wörd-in-kms");
        assertThat(cipher.encrypt("pa$$wörd-in-kms", BINDING)).as("a data key per secret").isNotEqualTo(stored);
    }

    @Test
    void aSecretWrappedByTheLocalKeyIsNamedAsSuchWhenTheAppUsesKms() {
        byte[] local = SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64()).encrypt("secret", BINDING);

        assertThatThrownBy(() -> cipherWith("alias/bigpicture-secrets").decrypt(local, BINDING))
                .hasMessage("the secret was wrapped by a local master key, but this app has the AWS KMS key alias/bigpicture-secrets");
        byte[] inKms = cipherWith("alias/bigpicture-secrets").encrypt("secret", BINDING);
        assertThatThrownBy(() -> SecretCipher.fromBase64(LocalKeyEncryptionKey.newKeyBase64()).decrypt(inKms, BINDING))
                .hasMessage("the secret was wrapped by an AWS KMS key, but this app has the configured master key");
    }

    @Test
    void aKeyThatKmsDoesNotHaveIsReportedByItsName() {
        assertThatThrownBy(() -> cipherWith("alias/no-such-key").encrypt("secret", BINDING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("AWS KMS made no data key with the AWS KMS key alias/no-such-key: ");
    }

    @Test
    void exactlyOneKindOfKeyIsConfigured() {
        assertThatThrownBy(() -> KeyEncryptionKeys.configured(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("set exactly one of bigpicture.secrets.master-key (BIGPICTURE_SECRETS_MASTER_KEY)"
                        + " and bigpicture.secrets.kms-key-id (BIGPICTURE_SECRETS_KMS_KEY_ID)");
        assertThatThrownBy(() -> KeyEncryptionKeys.configured(Optional.of(LocalKeyEncryptionKey.newKeyBase64()), Optional.of("alias/x"),
                Optional.empty(), Optional.empty())).hasMessageStartingWith("set exactly one of");
    }
}
