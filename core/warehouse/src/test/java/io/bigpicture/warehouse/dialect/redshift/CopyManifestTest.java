package io.bigpicture.warehouse.dialect.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyManifestTest {

    @Test
    void everyFileIsAMandatoryEntryInItsOrder() throws Exception {
        String manifest = CopyManifest.of(List.of("s3://loads/load/t/w/r/orders.0.csv.gz", "s3://loads/load/t/w/r/orders.1.csv.gz"));

        assertThat(manifest).isEqualTo("{\"entries\":[{\"url\":\"s3://loads/load/t/w/r/orders.0.csv.gz\",\"mandatory\":true},"
                + "{\"url\":\"s3://loads/load/t/w/r/orders.1.csv.gz\",\"mandatory\":true}]}");
    }

    @Test
    void aUrlIsAJsonStringWhateverItHolds() throws Exception {
        String url = "s3://odd\"bucket/key\\with\nbreak";

        JsonNode manifest = new ObjectMapper().readTree(CopyManifest.of(List.of(url)));

        assertThat(manifest.get("entries").get(0).get("url").asText()).isEqualTo(url);
    }
}
