package io.bigpicture.warehouse.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which warehouse addresses an app connects to, as its configuration ({@code bigpicture.warehouses})
 * names them; see {@link WarehouseAddresses} for what is always refused.
 */
public interface WarehouseNetworkSettings {

    /** Warehouses on this machine, as the local stack's; never set in production. Default false. */
    Optional<Boolean> allowLoopback();

    /** More address blocks never connected to, e.g. the cluster's pod and service ranges ({@code 10.100.0.0/16}). */
    Optional<List<String>> refusedNetworks();

    /**
     * A PEM file of CA certificates trusted besides the system's for {@code verify-full} sessions,
     * such as Amazon RDS's bundle (the image keeps it at /deployments/tls/rds-global-bundle.pem).
     */
    Optional<String> tlsCaBundle();

    /** @throws IllegalArgumentException when the bundle holds no certificate */
    default TlsTrust trust() {
        return new TlsTrust(tlsCaBundle().map(Path::of));
    }

    /**
     * @param catalogJdbcUrl the catalog's own URL: its host's addresses are refused too
     * @throws IllegalArgumentException for a block that is not one
     */
    default WarehouseAddresses addresses(String catalogJdbcUrl) {
        List<Cidr> refused = new ArrayList<>(refusedNetworks().orElse(List.of()).stream().map(Cidr::parse).toList());
        refused.addAll(WarehouseAddresses.hostOf(catalogJdbcUrl));
        return new WarehouseAddresses(allowLoopback().orElse(false), refused);
    }
}
