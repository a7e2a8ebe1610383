package io.bigpicture.warehouse.dialect.redshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The manifest a Redshift {@code COPY ... MANIFEST} reads: the load files by URL, each one
 * mandatory, so that a file missing on S3 fails the COPY instead of loading fewer rows.
 */
final class CopyManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyManifest() {
    }

    /** @param fileUrls the files' {@code s3://bucket/key} URLs */
    static String of(List<String> fileUrls) {
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode entries = manifest.putArray("entries");
        for (String url : fileUrls) {
            entries.addObject().put("url", url).put("mandatory", true);
        }
        return manifest.toString();
    }
}
