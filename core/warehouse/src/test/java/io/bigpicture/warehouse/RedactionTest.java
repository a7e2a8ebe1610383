package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void copyStatementsKeepTheirShapeAndLoseTheirKeys() {
        String copy = "COPY \"bp_stage_orders\" FROM 's3://loads/m' ACCESS_KEY_ID 'AKIAEXAMPLE' SECRET_ACCESS_KEY 'wJalr/K7+x''y' REGION 'eu-west-1'";

        assertThat(Redaction.redact(copy)).isEqualTo(
                "COPY \"bp_stage_orders\" FROM 's3://loads/m' ACCESS_KEY_ID '***' SECRET_ACCESS_KEY '***' REGION 'eu-west-1'");
        assertThat(Redaction.redact("error in COPY ... CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=s3cr3t' ..."))
                .doesNotContain("s3cr3t").doesNotContain("AKIA").contains("CREDENTIALS '***'");
    }

    @Test
    void passwordsAndSecretsInSettingsAndUrlsAreMasked() {
        assertThat(Redaction.redact("jdbc:postgresql://db:5432/dw?user=loader&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/dw?user=loader&password=***&ssl=true");
        assertThat(Redaction.redact("aws_secret_access_key=abc/def+ghi; region=x")).isEqualTo("aws_secret_access_key=***; region=x");
        assertThat(Redaction.redact("ALTER USER loader PASSWORD 'new-one'")).isEqualTo("ALTER USER loader PASSWORD '***'");
        assertThat(Redaction.redact("column \"password_hint\" is too long")).as("words are not credentials").isEqualTo("column \"password_hint\" is too long");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void aLoggedFailureKeepsItsStackAndCausesWithoutTheSecret() {
        SQLException failure = new SQLException("outer", new SQLException("COPY t FROM 's3://b/m' SECRET_ACCESS_KEY 'very-secret' REGION 'r'"));

        assertThat(Redaction.stackTrace(failure)).contains("outer", "Caused by", "RedactionTest").doesNotContain("very-secret");
    }
}
