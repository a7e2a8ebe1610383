package io.bigpicture.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The browser origins a source accepts events from. None means any origin (the default: most
 * sources are servers and apps); otherwise {@code scheme://host[:port]}, or
 * {@code scheme://*.domain} for every subdomain. Stored as one space-separated text.
 */
public record AllowedOrigins(Set<String> origins) {

    public static final AllowedOrigins ANY = new AllowedOrigins(Set.of());

    public AllowedOrigins {
        origins = Set.copyOf(origins);
    }

    public static AllowedOrigins parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return ANY;
        }
        return new AllowedOrigins(Arrays.stream(stored.trim().split("\\s+")).collect(Collectors.toSet()));
    }

    /** Normalized origins, or the reason the first bad one is refused. */
    public static Result of(Iterable<String> requested) {
        Set<String> normalized = new TreeSet<>();
        for (String origin : requested) {
            Optional<String> one = normalize(origin);
            if (one.isEmpty()) {
                return new Result(Optional.empty(), Optional.of("not an origin (scheme://host[:port], or scheme://*.domain): " + origin));
            }
            normalized.add(one.get());
        }
        return new Result(Optional.of(new AllowedOrigins(normalized)), Optional.empty());
    }

    public record Result(Optional<AllowedOrigins> origins, Optional<String> problem) {
    }

    public String stored() {
        return origins.isEmpty() ? null : String.join(" ", new TreeSet<>(origins));
    }

    /** True when a request from this {@code Origin} header value may send events. */
    public boolean permits(String origin) {
        if (origins.isEmpty()) {
            return true;
        }
        Optional<String> normalized = normalize(origin);
        if (normalized.isEmpty()) {
            return false;
        }
        for (String allowed : origins) {
            if (allowed.equals(normalized.get())) {
                return true;
            }
            int wildcard = allowed.indexOf("://*.");
            if (wildcard > 0) {
                String scheme = allowed.substring(0, wildcard + 3);
                String suffix = allowed.substring(wildcard + 4);
                if (normalized.get().startsWith(scheme) && normalized.get().endsWith(suffix)
                        && normalized.get().length() > scheme.length() + suffix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> normalize(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost() != null ? uri.getHost() : wildcardHost(uri);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
            if (scheme == null || host == null || !bare || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return Optional.of(scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + port);
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
    }

    /** {@code *.example.com} is not a host to java.net.URI; it is to us. */
    private static String wildcardHost(URI uri) {
        String authority = uri.getRawAuthority();
        return authority != null && authority.matches("\\*\\.[A-Za-z0-9.-]+") ? authority : null;
    }
}
