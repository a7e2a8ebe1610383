package io.bigpicture.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.ClientLibrarySettings;
import io.bigpicture.ingest.auth.WriteKeyCache;
import io.bigpicture.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings Segment's libraries read before they send, served by the tracking API itself, so
 * that a site's only change is where the library loads them from ({@code cdnURL}). Answers from
 * memory: no catalog query.
 */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentSettingsResource {

    /** Settings change only with the tracking host: browsers and CDNs may keep them a while. */
    private static final String CACHE_SHARED = "public, max-age=300";
    /** Named after the request's own host: no shared cache may hand it to someone who asked another host. */
    private static final String CACHE_PRIVATE = "private, max-age=300";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    @Inject
    WriteKeyCache writeKeys;

    @Inject
    IngestConfig config;

    private final ClientLibrarySettings settings;

    @Inject
    public SegmentSettingsResource(ObjectMapper json) {
        this.settings = new ClientLibrarySettings(json);
    }

    /** Segment's project settings, as {@code cdn.segment.com} serves them to analytics.js and the mobile libraries. */
    @GET
    @Path("/{writeKey}/settings")
    public Response segment(@PathParam("writeKey") String writeKey, @Context HttpServerRequest request) {
        if (writeKeys.resolve(writeKey).isEmpty()) {
            return IngestResponse.unknownWriteKey();
        }
        return trackingApi(request)
                .map(api -> Response.ok(settings.segment(writeKey, api)).header("Cache-Control", cacheControl()).build())
                .orElseGet(SegmentSettingsResource::badHost);
    }

    private Optional<URI> trackingApi(HttpServerRequest request) {
        if (config.publicUrl().isPresent()) {
            return config.publicUrl();
        }
        HostAndPort authority = request.authority();
        if (authority == null || !HOST.matcher(authority.host()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(request.scheme(), null, authority.host(), authority.port(), null, null, null));
        } catch (URISyntaxException notAHost) {
            return Optional.empty();
        }
    }

    private String cacheControl() {
        return config.publicUrl().isPresent() ? CACHE_SHARED : CACHE_PRIVATE;
    }

    private static Response badHost() {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(IngestResponse.error("the request's Host is not a host name")).build();
    }
}
