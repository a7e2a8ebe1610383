package io.bigpicture.admin.rest;

import io.bigpicture.admin.api.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response refused(ApiException refused) {
        return Response.status(refused.status()).type(MediaType.APPLICATION_JSON).entity(new ApiError(refused.getMessage())).build();
    }

    /** A unique constraint lost to a concurrent request: the same answer as when we checked first. */
    @ServerExceptionMapper
    public Response duplicate(org.hibernate.exception.ConstraintViolationException duplicate) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("that name is taken")).build();
    }
}
