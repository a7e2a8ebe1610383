package io.bigpicture.admin.security;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a console form posted from another site (cross-site request forgery), by the headers
 * browsers add to every request and pages cannot forge: {@code Sec-Fetch-Site} where the browser
 * sends it, else {@code Origin} against {@code Host}. A request with neither comes from no browser,
 * so it rides on no one's session cookie. This goes with the session cookie's SameSite=Lax.
 */
public final class CrossOriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossOriginCheck() {
    }

    /** Why the request is refused, or empty when it may go on. */
    public static Optional<String> refusal(String method, String secFetchSite, String origin, String host) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (secFetchSite != null) {
            // "none": the person typed the address or used a bookmark
            return secFetchSite.equals("same-origin") || secFetchSite.equals("none") ? Optional.empty()
                    : Optional.of("a console form may only be sent from the console's own pages (Sec-Fetch-Site: " + secFetchSite + ")");
        }
        if (origin == null) {
            return Optional.empty();
        }
        return sameHost(origin, host) ? Optional.empty()
                : Optional.of("a console form may only be sent from the console's own pages (Origin: " + origin + ")");
    }

    /** Compares host and port, each port made explicit ({@code Host: example.com} is port 443 for https). */
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            String originAuthority = uri.getHost() + ":" + (uri.getPort() == -1 ? defaultPort : uri.getPort());
            boolean hostHasPort = host.lastIndexOf(':') > host.lastIndexOf(']');
            return originAuthority.equalsIgnoreCase(hostHasPort ? host : host + ":" + defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
