package io.bigpicture.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bigpicture.events.ParseResult.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The body of every answer: what Segment's libraries expect, plus what went wrong and where;
 * {@code rejected}: the messages of a queued batch that were left out, and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResponse(boolean success, String error, List<Problem> problems, List<Problem> rejected) {

    /** {@code {"success":true}}, nearly every answer: written once rather than by Jackson each time. */
    static final byte[] OK_BODY = "{\"success\":true}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static IngestResponse error(String error) {
        return new IngestResponse(false, error, null, null);
    }

    static IngestResponse problems(String error, List<Problem> problems) {
        return new IngestResponse(false, error, problems, null);
    }

    static IngestResponse rejected(List<Problem> rejected) {
        return new IngestResponse(true, null, null, rejected);
    }

    /** The settings endpoints' answer to a key nobody has (or no longer): not kept, so a new key works at once. */
    static Response unknownWriteKey() {
        return Response.status(Response.Status.NOT_FOUND).header("Cache-Control", "no-cache")
                .entity(error("unknown or revoked write key")).build();
    }
}
