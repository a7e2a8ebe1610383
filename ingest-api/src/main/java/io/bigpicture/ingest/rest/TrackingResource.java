package io.bigpicture.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.events.EventType;
import io.bigpicture.events.MessageParser;
import io.bigpicture.events.ParseResult;
import io.bigpicture.ingest.IngestService;
import io.bigpicture.ingest.IngestService.Outcome;
import io.bigpicture.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Segment-compatible tracking API. Translates HTTP only; {@link IngestService} does the work.
 * Runs on the event loop: nothing here blocks. {@link ClientLibraryPaths} routes the libraries'
 * other paths here.
 */
@Path("/v1")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    private static final Logger LOG = Logger.getLogger(TrackingResource.class);

    @Inject
    IngestService ingest;

    @Inject
    IngestConfig config;

    private final MessageParser parser;

    @Inject
    public TrackingResource(ObjectMapper json) {
        this.parser = new MessageParser(json);
    }

    @POST
    @Path("/track")
    public Uni<Response> track(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.TRACK, body, authorization, request);
    }

    @POST
    @Path("/identify")
    public Uni<Response> identify(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.IDENTIFY, body, authorization, request);
    }

    @POST
    @Path("/page")
    public Uni<Response> page(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.PAGE, body, authorization, request);
    }

    @POST
    @Path("/screen")
    public Uni<Response> screen(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.SCREEN, body, authorization, request);
    }

    @POST
    @Path("/group")
    public Uni<Response> group(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.GROUP, body, authorization, request);
    }

    @POST
    @Path("/alias")
    public Uni<Response> alias(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return single(EventType.ALIAS, body, authorization, request);
    }

    @POST
    @Path("/batch")
    public Uni<Response> batch(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @QueryParam("writeKey") String queryKey, @Context HttpServerRequest request) {
        // a beacon (RudderStack's useBeacon) can send no header: its key comes in the query
        Optional<String> key = WriteKeyHeader.parse(authorization).or(() -> Optional.ofNullable(queryKey).filter(text -> !text.isEmpty()));
        return handle(key, () -> parser.parseBatch(body), request);
    }

    /** Segment's name of batch for historical data; the same here. */
    @POST
    @Path("/import")
    public Uni<Response> importBatch(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @QueryParam("writeKey") String queryKey, @Context HttpServerRequest request) {
        return batch(body, authorization, queryKey, request);
    }

    private Uni<Response> single(EventType type, byte[] body, String authorization, HttpServerRequest request) {
        return handle(WriteKeyHeader.parse(authorization), () -> parser.parseSingle(type, body), request);
    }

    private Uni<Response> handle(Optional<String> key, Supplier<ParseResult> parse, HttpServerRequest request) {
        Optional<String> clientIp = Optional.ofNullable(request.remoteAddress()).map(address -> address.hostAddress());
        Optional<String> origin = Optional.ofNullable(request.getHeader("Origin"));
        return ingest.ingest(key, parse, clientIp, origin)
                .map(TrackingResource::toResponse)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("the events queue did not take a request's events: %s", failure.toString());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                            .header("Retry-After", config.retryAfterSeconds())
                            .entity(IngestResponse.error("the queue is not taking events right now; retry later"))
                            .build();
                });
    }

    private static Response toResponse(Outcome outcome) {
        if (outcome instanceof Outcome.Unauthorized unauthorized) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(IngestResponse.error(unauthorized.reason())).build();
        }
        if (outcome instanceof Outcome.Invalid invalid) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(IngestResponse.problems("invalid message", invalid.problems())).build();
        }
        if (outcome instanceof Outcome.Forbidden forbidden) {
            return Response.status(Response.Status.FORBIDDEN).entity(IngestResponse.error(forbidden.reason())).build();
        }
        if (outcome instanceof Outcome.RateLimited limited) {
            return Response.status(Response.Status.TOO_MANY_REQUESTS)
                    .header("Retry-After", Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000))
                    .entity(IngestResponse.error("this source sends more events per second than its rate limit; retry later")).build();
        }
        if (outcome instanceof Outcome.TooLarge tooLarge) {
            return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .entity(IngestResponse.problems("event too large", tooLarge.problems())).build();
        }
        Outcome.Queued queued = (Outcome.Queued) outcome;
        return queued.rejected().isEmpty() ? Response.ok(IngestResponse.OK_BODY, MediaType.APPLICATION_JSON_TYPE).build()
                : Response.ok(IngestResponse.rejected(queued.rejected())).build();
    }
}
