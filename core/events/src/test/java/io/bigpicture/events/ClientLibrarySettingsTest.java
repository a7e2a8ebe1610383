package io.bigpicture.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientLibrarySettingsTest {

    private final ClientLibrarySettings settings = new ClientLibrarySettings(new ObjectMapper());

    @Test
    void segmentsSettingsSendAnalyticsJsToOurApiAndNowhereElse() {
        JsonNode segment = settings.segment("bpk_key", URI.create("https://track.example.com"));

        JsonNode segmentIo = segment.path("integrations").path("Segment.io");
        assertThat(segmentIo.path("apiKey").asText()).isEqualTo("bpk_key");
        assertThat(segmentIo.path("apiHost").asText()).isEqualTo("track.example.com/v1");
        assertThat(segmentIo.path("protocol").asText()).isEqualTo("https");
        assertThat(segment.path("integrations").size()).as("no other destination loads in the browser").isEqualTo(1);
        assertThat(segment.path("metrics").path("sampleRate").asInt()).as("no usage counters to api.segment.io").isZero();
        assertThat(segment.path("remotePlugins")).isEmpty();
        assertThat(segment.path("enabledMiddleware")).isEmpty();
    }

    @Test
    void aTrackingApiBehindAPathAndPortKeepsThem() {
        JsonNode segmentIo = settings.segment("k", URI.create("http://localhost:8081/tracking/")).path("integrations").path("Segment.io");

        assertThat(segmentIo.path("apiHost").asText()).isEqualTo("localhost:8081/tracking/v1");
        assertThat(segmentIo.path("protocol").asText()).isEqualTo("http");
    }

    @Test
    void rudderstacksConfigurationHasTheSourceAndNoDestinations() {
        JsonNode source = settings.rudderstack("source-1").path("source");

        assertThat(source.path("id").asText()).isEqualTo("source-1");
        assertThat(source.path("enabled").asBoolean()).isTrue();
        assertThat(source.path("destinations").isArray()).isTrue();
        assertThat(source.path("destinations")).isEmpty();
        assertThat(source.path("config").path("statsCollection").path("errors").path("enabled").asBoolean()).isFalse();
    }
}
