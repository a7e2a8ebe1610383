package io.bigpicture.warehouse.network;

import io.bigpicture.warehouse.WarehouseFailure;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which addresses bigPicture connects to for a tenant: anything a tenant types as a warehouse host
 * is resolved once, every address it resolves to is checked, and the connection is made to the
 * address checked (see {@link PinnedSocketFactory}), so a name cannot point at our own network,
 * or at it after the check (DNS rebinding).
 *
 * <p>Refused: loopback, private and shared ranges, link-local (cloud metadata at 169.254.169.254
 * and fd00:ec2::254), multicast, reserved and unspecified addresses, and the blocks given in the
 * settings (the cluster's pod and service ranges, the catalog's address). Only the local stack
 * allows loopback, where its warehouse runs.
 */
public final class WarehouseAddresses {

    private static final List<Cidr> ALWAYS_REFUSED = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "2002::/16", "fc00::/7",
            "fe80::/10", "fec0::/10", "ff00::/8").map(Cidr::parse).toList();
    private static final List<Cidr> LOOPBACK = Stream.of("127.0.0.0/8", "::1/128").map(Cidr::parse).toList();

    private static final Pattern JDBC_HOST = Pattern.compile("jdbc:[a-z]+://\\[?([^/:?\\]]+)");

    private final boolean allowLoopback;
    /** The blocks always refused and those of the settings. */
    private final List<Cidr> refusedBlocks;

    /**
     * @param allowLoopback the local stack's setting: its warehouse is on this machine
     * @param refusedToo    blocks of our own network besides the private ranges
     */
    public WarehouseAddresses(boolean allowLoopback, List<Cidr> refusedToo) {
        this.allowLoopback = allowLoopback;
        this.refusedBlocks = Stream.concat(ALWAYS_REFUSED.stream(), refusedToo.stream()).toList();
    }

    /**
     * The addresses of a JDBC URL's host, each a block of one; none when the URL names no host or it
     * does not resolve.
     */
    static List<Cidr> hostOf(String jdbcUrl) {
        Matcher host = JDBC_HOST.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!host.lookingAt()) {
            return List.of();
        }
        try {
            return Stream.of(InetAddress.getAllByName(host.group(1)))
                    .map(address -> new Cidr(address.getAddress(), address.getAddress().length * 8)).toList();
        } catch (UnknownHostException unknown) {
            return List.of();
        }
    }

    /** A name that resolved to an address bigPicture does not connect to. */
    public static final class RefusedAddress extends Exception {
        public RefusedAddress(String host) {
            super("the warehouse host " + host + " is, or resolves to, an address inside a private, loopback or link-local network,"
                    + " which bigPicture does not connect to: give the warehouse's public host name or address.");
        }
    }

    /**
     * The one address to connect to: the host's first, after every address it has passed.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws RefusedAddress       when any address it resolves to is refused
     */
    public InetAddress resolve(String host) throws UnknownHostException, RefusedAddress {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (refused(address)) {
                throw new RefusedAddress(host);
            }
        }
        return addresses[0];
    }

    /**
     * {@link #resolve}, its failures as the driver's would be, so that a sync reports them alike:
     * an unknown name as unreachable, a refused address in words ({@link WarehouseFailure#REFUSED_ADDRESS_STATE}).
     */
    public InetAddress resolveToConnect(String host) throws SQLException {
        try {
            return resolve(host);
        } catch (UnknownHostException unknown) {
            throw new SQLException("UnknownHostException: " + host + " does not resolve", "08001", unknown);
        } catch (RefusedAddress refused) {
            throw new SQLException(refused.getMessage(), WarehouseFailure.REFUSED_ADDRESS_STATE, refused);
        }
    }

    /** Refused hosts, checked at save time; a name that does not resolve (yet) is not refused here. */
    public Optional<String> problem(String host) {
        try {
            resolve(host);
            return Optional.empty();
        } catch (UnknownHostException notYet) {
            return Optional.empty();
        } catch (RefusedAddress refused) {
            return Optional.of(refused.getMessage());
        }
    }

    public boolean refused(InetAddress address) {
        if (allowLoopback && LOOPBACK.stream().anyMatch(block -> block.contains(address))) {
            return false;
        }
        if (refusedBlocks.stream().anyMatch(block -> block.contains(address))) {
            return true;
        }
        // an IPv6 address that carries an IPv4 one (IPv4-compatible ::a.b.c.d) is judged by it too
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            byte[] bytes = v6.getAddress();
            try {
                return refused(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
            } catch (UnknownHostException impossible) {
                return true;
            }
        }
        return false;
    }
}
