package io.bigpicture.warehouse.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of addresses, {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException for text that is no address block */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(text + " is not an address block (address/prefix length)");
        }
        String address = text.substring(0, slash).trim();
        if (!IpLiteral.looksLikeOne(address)) {
            throw new IllegalArgumentException(text + " is not an address block: " + address + " is not an IP address");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException notAnAddress) {
            throw new IllegalArgumentException(text + " is not an address block: " + notAnAddress.getMessage(), notAnAddress);
        }
        int prefixLength;
        try {
            prefixLength = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(text + " is not an address block: the prefix length is not a number", notANumber);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException(text + " is not an address block: the prefix length is out of range");
        }
        return new Cidr(network, prefixLength);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
