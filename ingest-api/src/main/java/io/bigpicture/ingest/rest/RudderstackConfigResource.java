package io.bigpicture.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.ClientLibrarySettings;
import io.bigpicture.ingest.auth.SourceKey;
import io.bigpicture.ingest.auth.WriteKeyCache;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The source configuration RudderStack's browser SDK reads from its {@code configUrl} before it
 * sends ({@code GET <configUrl>/sourceConfig/?writeKey=...}, the key also in Basic auth), so that a
 * site that points both its data plane and config URLs here needs nothing from RudderStack.
 * Answers from memory: no catalog query.
 */
@Path("/sourceConfig")
@Produces(MediaType.APPLICATION_JSON)
public class RudderstackConfigResource {

    @Inject
    WriteKeyCache writeKeys;

    private final ClientLibrarySettings settings;

    @Inject
    public RudderstackConfigResource(ObjectMapper json) {
        this.settings = new ClientLibrarySettings(json);
    }

    @GET
    public Response sourceConfig(@QueryParam("writeKey") String writeKey, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<SourceKey> source = WriteKeyHeader.parse(authorization).or(() -> Optional.ofNullable(writeKey)).flatMap(writeKeys::resolve);
        if (source.isEmpty()) {
            return IngestResponse.unknownWriteKey();
        }
        return Response.ok(settings.rudderstack(source.get().sourceId().toString()))
                .header("Cache-Control", "private, max-age=300").build();
    }
}
