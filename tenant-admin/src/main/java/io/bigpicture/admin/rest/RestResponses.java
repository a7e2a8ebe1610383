package io.bigpicture.admin.rest;

import jakarta.ws.rs.core.Response;

final class RestResponses {

    private RestResponses() {
    }

    static Response created(Object body) {
        return Response.status(Response.Status.CREATED).entity(body).build();
    }
}
