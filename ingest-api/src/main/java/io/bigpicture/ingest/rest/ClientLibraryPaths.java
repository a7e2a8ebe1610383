package io.bigpicture.ingest.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Where client libraries send besides the spelled-out paths: Segment's browser library
 * (analytics.js) posts each call to its type's first letter, it and the mobile libraries post
 * batches to {@code /b}, and RudderStack's browser SDK beacons batches to
 * {@code /beacon/v1/batch?writeKey=...}. Each is routed to its endpoint before anything of the
 * request is read, so it gets the same auth, limits and answers.
 */
@ApplicationScoped
class ClientLibraryPaths {

    private static final Map<String, String> ENDPOINTS = Map.of(
            "/v1/t", "/v1/track",
            "/v1/i", "/v1/identify",
            "/v1/p", "/v1/page",
            "/v1/s", "/v1/screen",
            "/v1/g", "/v1/group",
            "/v1/a", "/v1/alias",
            "/v1/b", "/v1/batch",
            "/beacon/v1/batch", "/v1/batch");

    /** One route per path (Vert.x takes a trailing slash as the same path), so that other requests pass no handler of ours. */
    void route(@Observes Router router) {
        ENDPOINTS.forEach((path, endpoint) -> router.route(path).order(Integer.MIN_VALUE).handler(context -> {
            String query = context.request().query();
            context.reroute(query == null ? endpoint : endpoint + "?" + query);
        }));
    }
}
