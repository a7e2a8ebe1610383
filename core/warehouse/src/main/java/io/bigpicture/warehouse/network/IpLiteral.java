package io.bigpicture.warehouse.network;

/** Telling an IP address written out from a host name, without asking DNS. */
final class IpLiteral {

    private IpLiteral() {
    }

    /** Digits and dots, or hex digits and colons (IPv6, possibly with a dotted IPv4 tail): never looked up. */
    static boolean looksLikeOne(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }
}
