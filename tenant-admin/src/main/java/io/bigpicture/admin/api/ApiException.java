package io.bigpicture.admin.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and the words to say why. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(Response.Status.NOT_FOUND, what + " not found");
    }

    public static ApiException badRequest(String why) {
        return new ApiException(Response.Status.BAD_REQUEST, why);
    }

    public static ApiException forbidden(String why) {
        return new ApiException(Response.Status.FORBIDDEN, why);
    }

    public static ApiException conflict(String why) {
        return new ApiException(Response.Status.CONFLICT, why);
    }

    public static ApiException tooManyRequests(String why) {
        return new ApiException(Response.Status.TOO_MANY_REQUESTS, why);
    }

    /** The customer's warehouse did not answer as asked; the words say what it said. */
    public static ApiException badGateway(String why) {
        return new ApiException(Response.Status.BAD_GATEWAY, why);
    }

    public Response.Status status() {
        return status;
    }
}
