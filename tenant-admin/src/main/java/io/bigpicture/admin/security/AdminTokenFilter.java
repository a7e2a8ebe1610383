package io.bigpicture.admin.security;

import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.rest.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every {@code /api} call carries the admin token as a bearer token. */
@ApplicationScoped // created on first use: the config it reads is not there yet when filters are set up
public class AdminTokenFilter {

    @Inject
    AdminConfig config;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        boolean valid = MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                config.admin().token().getBytes(StandardCharsets.UTF_8));
        if (valid) {
            return null;
        }
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("a valid bearer token is required"))
                .build();
    }
}
