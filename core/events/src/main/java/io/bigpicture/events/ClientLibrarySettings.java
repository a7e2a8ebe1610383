package io.bigpicture.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * What client libraries read before they send: Segment's project settings (which its browser
 * library fetches from {@code <cdnURL>/v1/projects/<writeKey>/settings}, and its mobile libraries
 * from their settings host) and RudderStack's source configuration (its browser SDK's
 * {@code configUrl}). Each points the library at our tracking API and turns off all else it would
 * load or send: no destinations run in the browser, no telemetry goes anywhere.
 */
public final class ClientLibrarySettings {

    private final ObjectMapper json;

    public ClientLibrarySettings(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param trackingApi the tracking API as browsers reach it, e.g. {@code https://track.example.com}
     */
    public ObjectNode segment(String writeKey, URI trackingApi) {
        ObjectNode settings = json.createObjectNode();
        ObjectNode segmentIo = settings.putObject("integrations").putObject("Segment.io");
        segmentIo.put("apiKey", writeKey);
        // host and path without the scheme, as Segment writes "api.segment.io/v1"
        segmentIo.put("apiHost", trackingApi.getRawAuthority() + pathOf(trackingApi) + "/v1");
        segmentIo.put("protocol", trackingApi.getScheme());
        segmentIo.putArray("unbundledIntegrations");
        segmentIo.put("addBundledMetadata", true);
        segmentIo.putObject("maybeBundledConfigIds");
        ObjectNode plan = settings.putObject("plan");
        for (String call : new String[] {"track", "identify", "group"}) {
            plan.putObject(call).putObject("__default").put("enabled", true).putObject("integrations");
        }
        settings.putObject("edgeFunction");
        settings.put("analyticsNextEnabled", true);
        settings.putObject("middlewareSettings");
        settings.putObject("enabledMiddleware");
        // analytics-next sends its own usage counters to api.segment.io unless this is 0
        settings.putObject("metrics").put("sampleRate", 0);
        settings.put("legacyVideoPluginsEnabled", false);
        settings.putArray("remotePlugins");
        return settings;
    }

    /**
     * RudderStack's source configuration: the source, enabled, with no destinations (so no
     * integration scripts load in the browser) and its own error reports and metrics off.
     */
    public ObjectNode rudderstack(String sourceId) {
        ObjectNode configuration = json.createObjectNode();
        ObjectNode source = configuration.putObject("source");
        source.put("id", sourceId);
        source.put("enabled", true);
        ObjectNode statsCollection = source.putObject("config").putObject("statsCollection");
        statsCollection.putObject("errors").put("enabled", false);
        statsCollection.putObject("metrics").put("enabled", false);
        source.putArray("destinations");
        return configuration;
    }

    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
