package io.bigpicture.warehouse.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a warehouse is and who the loader logs in as; the password is kept apart, encrypted.
 * Every field is a tenant's text: {@link #problems} holds it to what a driver takes as a value
 * and never as a setting of its own.
 */
public record Endpoint(String host, int port, String database, String username, TlsMode tls) {

    public static final int MAX_NAME_LENGTH = 63;
    public static final int MAX_USER_LENGTH = 128;

    /** RFC 1123 labels, at most 253 characters in all, an optional final dot. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{1," + MAX_NAME_LENGTH + "}");

    /** Every reason these settings cannot be used, each naming its field; empty when they can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (host == null || !(isIpv6(host) || IPV4.matcher(host).matches() || HOST_NAME.matcher(host).matches())) {
            problems.add("host: give a host name (letters, digits, hyphens and dots) or an IP address, nothing else");
        }
        if (port < 1 || port > 65535) {
            problems.add("port: must be between 1 and 65535");
        }
        if (database == null || !DATABASE.matcher(database).matches()) {
            problems.add("database: 1 to " + MAX_NAME_LENGTH + " letters, digits, _, $ or -");
        }
        if (username == null || username.isEmpty() || username.length() > MAX_USER_LENGTH
                || username.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            problems.add("username: 1 to " + MAX_USER_LENGTH + " characters without spaces or control characters");
        }
        if (tls == null) {
            problems.add("tls: one of " + TlsMode.choices());
        }
        return problems;
    }

    /** The host as a JDBC URL writes it: an IPv6 address in brackets. */
    public String urlHost() {
        return isIpv6(host) ? "[" + host + "]" : host;
    }

    private static boolean isIpv6(String host) {
        return IPV6.matcher(host).matches();
    }
}
