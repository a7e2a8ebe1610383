package io.bigpicture.warehouse.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarehouseAddressesTest {

    private final WarehouseAddresses production = new WarehouseAddresses(false, List.of(Cidr.parse("52.94.0.0/22")));
    private final WarehouseAddresses localStack = new WarehouseAddresses(true, List.of());

    @Test
    void ourOwnNetworkAndTheCloudsMetadataAreNeverConnectedTo() throws Exception {
        for (String address : List.of("169.254.169.254", "fd00:ec2::254", "127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "10.1.2.3",
                "172.20.0.5", "192.168.1.1", "100.100.100.200", "fe80::1", "fc00::5", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
                "::10.0.0.1", "224.0.0.1", "255.255.255.255", "52.94.1.2")) {
            assertThat(production.refused(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void aPublicAddressIsConnectedTo() throws Exception {
        for (String address : List.of("8.8.8.8", "52.95.0.1", "2600:1f18::1", "2a00:1450:4001:80b::200e")) {
            assertThat(production.refused(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void onlyTheLocalStackConnectsToLoopbackAndStillNotToTheRestOfOurNetwork() throws Exception {
        assertThat(localStack.refused(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(localStack.refused(InetAddress.getByName("::1"))).isFalse();
        assertThat(localStack.refused(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThat(localStack.refused(InetAddress.getByName("10.0.0.1"))).isTrue();
    }

    @Test
    void aHostIsResolvedOnceAndRefusedWhenItPointsInsideAndItsAddressKeptOtherwise() throws Exception {
        assertThatThrownBy(() -> production.resolve("localhost")).isInstanceOf(WarehouseAddresses.RefusedAddress.class)
                .hasMessageContaining("localhost").hasMessageContaining("private, loopback or link-local");
        assertThat(production.problem("169.254.169.254")).isPresent();
        assertThat(localStack.resolve("localhost").isLoopbackAddress()).isTrue();
        assertThat(production.resolve("8.8.4.4")).isEqualTo(InetAddress.getByName("8.8.4.4"));
        assertThat(production.problem("no-such-host.invalid")).as("a name that does not resolve yet is not refused at save time").isEmpty();
    }

    @Test
    void addressBlocksAreReadAsWritten() {
        assertThat(Cidr.parse("10.0.0.0/8").prefixLength()).isEqualTo(8);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).hasMessageContaining("not an address block");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length is out of range");
    }
}
