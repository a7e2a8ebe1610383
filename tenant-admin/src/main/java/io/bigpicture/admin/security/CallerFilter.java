package io.bigpicture.admin.security;

import io.bigpicture.admin.config.AdminConfig;
import io.bigpicture.admin.rest.ApiError;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api} call carries a bearer token: the operator token, or an access token of the
 * identity provider (checked by Quarkus OIDC, only when it is not the operator token, which is why
 * authentication is not proactive). The console's pages are for a person signed in through the
 * identity provider's sign-in page. Establishes the {@link Caller}; what it may do is the
 * services' business.
 */
@ApplicationScoped // created on first use: the config it reads is not there yet when filters are set up
public class CallerFilter {

    @Inject
    AdminConfig config;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    RequestCaller caller;

    @ServerRequestFilter
    public Uni<Response> identify(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/console")) {
            Optional<String> refused = CrossOriginCheck.refusal(request.getMethod(), request.getHeaderString("Sec-Fetch-Site"),
                    request.getHeaderString("Origin"), request.getHeaderString(HttpHeaders.HOST));
            if (refused.isPresent()) {
                return Uni.createFrom().item(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                        .entity(refused.get()).build());
            }
            // signed in by the code flow before this runs (the console's paths need an authenticated person)
            return person();
        }
        if (!path.startsWith("/api")) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (presented.isEmpty()) {
            return Uni.createFrom().item(unauthorized());
        }
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), config.admin().token().getBytes(StandardCharsets.UTF_8))) {
            caller.set(new Caller.Operator());
            return Uni.createFrom().nullItem();
        }
        return person();
    }

    private Uni<Response> person() {
        return identities.getDeferredIdentity()
                .map(identity -> {
                    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
                        return unauthorized();
                    }
                    Object verified = token.getClaim("email_verified");
                    caller.set(new Caller.Person(token.getSubject(), token.getClaim("email"),
                            verified != null && Boolean.parseBoolean(verified.toString())));
                    return (Response) null;
                })
                .onFailure().recoverWithItem(failure -> unauthorized());
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("a valid bearer token is required: the operator token or an access token of the identity provider"))
                .build();
    }
}
