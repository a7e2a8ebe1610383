package io.bigpicture.admin.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing out takes the console's form post. The OIDC extension signs out on any request to its
 * logout path, so without this a link or an image on any site would sign a person out; a posted
 * form from another site carries no session cookie (SameSite=Lax). Runs before authentication,
 * which is where the extension signs out.
 */
@ApplicationScoped
public class SignOutByPost {

    @ConfigProperty(name = "quarkus.oidc.logout.path")
    String signOutPath;

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if (context.normalizedPath().equals(signOutPath) && context.request().method() != HttpMethod.POST) {
                context.response().setStatusCode(405).putHeader("Allow", "POST").end("Sign out with the console's Sign out button.");
            } else {
                context.next();
            }
        }, SecurityHandlerPriorities.AUTHENTICATION + 1);
    }
}
